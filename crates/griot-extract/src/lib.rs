//! griot-extract owns the pure stages that find who, where and what was said in a [`Doc`]:
//! actors and people (with in-article coreference), places, quantities and statements.
//! It reads dictionaries from griot-lexicon and never does IO.

pub mod actors;
pub mod places;
pub mod quantities;
pub mod statements;

pub use actors::ActorFinder;
pub use places::PlaceResolver;
pub use quantities::find_quantities;
pub use statements::find_statements;
