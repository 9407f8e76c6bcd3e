//! The page and its assets, embedded in the binary: the page works offline, with no CDN,
//! tile server or font download. Vendored data lives under `assets/vendor/` with its licence.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// (path under `/assets/`, or the page and the OpenAPI file, content type, bytes)
const FILES: &[(&str, &str, &[u8])] = &[
    ("index.html", "text/html; charset=utf-8", include_bytes!("../assets/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    ("openapi.json", "application/json", include_bytes!("../assets/openapi.json")),
    ("vendor/world-atlas/countries-110m.json", "application/json", include_bytes!("../assets/vendor/world-atlas/countries-110m.json")),
    ("vendor/world-atlas/LICENSE", "text/plain; charset=utf-8", include_bytes!("../assets/vendor/world-atlas/LICENSE")),
    ("vendor/README.md", "text/plain; charset=utf-8", include_bytes!("../assets/vendor/README.md")),
];

/// The embedded file at `path`, or `None`.
pub fn get(path: &str) -> Option<(&'static str, &'static [u8])> {
    FILES.iter().find(|(p, _, _)| *p == path).map(|(_, t, b)| (*t, *b))
}

/// The embedded file as a response (404 when there is none).
pub fn serve(path: &str) -> Response {
    match get(path) {
        Some((content_type, body)) => {
            ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
        }
        None => (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "not found\n").into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_asset_is_there_and_json_parses() {
        for (path, ty, body) in super::FILES {
            assert!(!body.is_empty(), "{path}");
            if ty.starts_with("application/json") {
                serde_json::from_slice::<serde_json::Value>(body).unwrap_or_else(|e| panic!("{path}: {e}"));
            }
        }
    }
}
