//! griot-text owns the one immutable article text and the layers of byte-offset
//! annotations that every later stage adds to it: [`Span`], [`Article`], [`Doc`] and the
//! model types ([`Sentence`], [`Token`], [`Mention`], [`TimeExpr`], [`Quantity`],
//! [`Statement`], [`Event`]), plus sentence splitting and tokenisation, which need no
//! resources. It does no IO and depends on no other griot crate.
//!
//! ```
//! use griot_text::{Article, Doc};
//! let doc = Doc::new(Article::from_text("a1", "Col. Abdramane spoke. He left."));
//! assert_eq!(doc.text(), "Col. Abdramane spoke. He left.");
//! ```

pub mod abbrev;
pub mod hash;
pub mod model;
pub mod record;
pub mod report;
pub mod sentences;
pub mod tokens;

pub use model::*;
pub use sentences::split_sentences;
pub use tokens::{tokenize, tokenize_into};
