//! griot-story groups articles about one happening into stories and merges their events.
//! (Being built: see issue 6.)
