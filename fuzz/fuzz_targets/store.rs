#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| griot_fuzz::store(data));
