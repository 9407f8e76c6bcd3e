//! A few read-only connections to the database, shared by the request handlers. A query
//! takes one (waiting while all are busy), runs on a blocking thread and gives it back.

use std::path::Path;
use std::sync::{Condvar, Mutex};

use griot_store::{Store, StoreError};

/// Read-only stores, each used by one query at a time.
pub struct Pool {
    free: Mutex<Vec<Store>>,
    returned: Condvar,
}

impl Pool {
    /// Opens `n` read-only connections (the database must exist).
    pub fn open(db: &Path, n: usize) -> Result<Pool, StoreError> {
        let stores = (0..n.max(1)).map(|_| Store::open_read_only(db)).collect::<Result<Vec<_>, _>>()?;
        Ok(Pool { free: Mutex::new(stores), returned: Condvar::new() })
    }

    /// Runs `f` with a free connection (blocking until one is free).
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        let store = {
            let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                if let Some(s) = free.pop() {
                    break s;
                }
                free = self.returned.wait(free).unwrap_or_else(|p| p.into_inner());
            }
        };
        // give the connection back even if `f` panics
        struct Back<'a>(&'a Pool, Option<Store>);
        impl Drop for Back<'_> {
            fn drop(&mut self) {
                if let Some(s) = self.1.take() {
                    self.0.free.lock().unwrap_or_else(|p| p.into_inner()).push(s);
                    self.0.returned.notify_one();
                }
            }
        }
        let back = Back(self, Some(store));
        let out = f(back.1.as_ref().expect("store present until drop"));
        drop(back);
        out
    }
}
