//! HTTP plumbing: JSON and error responses, security headers, the token, streamed bodies.

use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::params::ApiError;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Envelope<'a> {
            error: &'a ApiError,
        }
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_json(&Envelope { error: &self }).unwrap_or_else(|_| b"{\"error\":{\"code\":\"internal\"}}".to_vec());
        let mut r = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        if self.status == 401 {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"griot\""));
        }
        r
    }
}

/// A JSON response with status 200.
pub fn json<T: Serialize>(value: &T) -> Response {
    json_status(StatusCode::OK, value)
}

/// JSON that never holds `<`, `>` or `&` as such (they are written `\u003c`, ...): even a
/// client that wrongly renders a response as HTML finds no markup in it.
struct HtmlSafe;

impl serde_json::ser::Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['<', '>', '&']) {
            w.write_all(rest[..i].as_bytes())?;
            w.write_all(match rest.as_bytes()[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[i + 1..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// `value` as HTML-safe JSON.
pub fn to_json<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, HtmlSafe);
    value.serialize(&mut ser)?;
    Ok(out)
}

pub fn json_status<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match to_json(value) {
        Ok(body) => (status, [(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => ApiError::internal(format!("cannot encode the response: {e}")).into_response(),
    }
}

/// Headers on every response: no sniffing, no framing, a content security policy that
/// allows only the page's own scripts and styles (so even markup that slipped into the page
/// could not run script), no referrer.
pub async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}

/// Compares two strings in time that depends only on their lengths.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The bearer token of a request, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// Whether the request carries `token`.
pub fn has_token(headers: &HeaderMap, token: &str) -> bool {
    bearer(headers).is_some_and(|t| same(t.as_bytes(), token.as_bytes()))
}

pub fn unauthorized(what: &str) -> ApiError {
    ApiError {
        status: 401,
        code: "unauthorized",
        message: format!("{what} needs the server's token: send the header `Authorization: Bearer TOKEN`"),
        parameter: None,
    }
}

/// On a loopback server, the Host header must name loopback: a page elsewhere that made its
/// own host name resolve to 127.0.0.1 (DNS rebinding) cannot read the API through the
/// victim's browser.
pub fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return true; // HTTP/1.0 without Host: not a browser
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name == "::1" || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// A `Write` that sends what is written, in chunks, to a streamed response body. Used from
/// a blocking thread; writing fails once the client has gone.
pub struct ChunkWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl ChunkWriter {
    pub fn new(tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>) -> ChunkWriter {
        ChunkWriter { tx, buf: Vec::with_capacity(CHUNK) }
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))
    }

    /// Ends the body with an error (the client sees a cut response).
    pub fn fail(mut self, message: String) {
        let _ = self.send();
        let _ = self.tx.blocking_send(Err(std::io::Error::other(message)));
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The receiving end of a [`ChunkWriter`] as a body stream.
pub struct ChunkStream(pub tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl futures_core::Stream for ChunkStream {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

/// A streamed response of `content_type`, offered for download as `filename`.
pub fn download(rx: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>, content_type: &'static str, filename: &str) -> Response {
    let mut r = Body::from_stream(ChunkStream(rx)).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let with = |h: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(h).unwrap());
            loopback_host(&m)
        };
        assert!(with("127.0.0.1:8080") && with("localhost:80") && with("LOCALHOST") && with("[::1]:8080") && with("127.1.2.3"));
        assert!(!with("evil.example:8080") && !with("10.0.0.1:8080") && !with("localhost.evil.example"));
    }

    #[test]
    fn json_has_no_markup() {
        let v = serde_json::json!({"t": "<script>a&b</script>", "<k>": 1});
        let out = String::from_utf8(to_json(&v).unwrap()).unwrap();
        assert!(!out.contains(['<', '>', '&']), "{out}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), v);
    }

    #[test]
    fn tokens() {
        let mut m = HeaderMap::new();
        assert!(!has_token(&m, "s3cret"));
        m.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret"));
        assert!(has_token(&m, "s3cret"));
        assert!(!has_token(&m, "s3cre"));
        m.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic s3cret"));
        assert!(!has_token(&m, "s3cret"));
    }
}
