//! griot-store keeps analysed documents in embedded SQLite. (Being built: see issue 2.)
