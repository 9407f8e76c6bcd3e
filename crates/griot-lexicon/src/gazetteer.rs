//! The gazetteer of places. (Being built: see issue 3.)

/// Places by name, with GeoNames ids and coordinates.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer that ships with griot (embedded in the binary).
    pub fn builtin() -> Gazetteer {
        Gazetteer {}
    }
}
