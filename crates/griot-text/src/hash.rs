//! FNV-1a hashing for the many small word-keyed sets and tables of the stages: on short keys
//! it is several times faster than std's SipHash. Not for keys an attacker chooses at scale.
//!
//! ```
//! use griot_text::hash::FnvMap;
//! let mut m: FnvMap<&str, u32> = FnvMap::default();
//! m.insert("junta", 1);
//! assert_eq!(m.get("junta"), Some(&1));
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
#[derive(Debug, Default, Clone, Copy)]
pub struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

/// Builds [`FnvHasher`]s.
pub type FnvBuild = BuildHasherDefault<FnvHasher>;
/// Hash map with [`FnvHasher`].
pub type FnvMap<K, V> = HashMap<K, V, FnvBuild>;
/// Hash set with [`FnvHasher`].
pub type FnvSet<K> = HashSet<K, FnvBuild>;
