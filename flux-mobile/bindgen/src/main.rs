//! `uniffi-bindgen generate --library <libflux_mobile.so> --language kotlin|swift|python --out-dir DIR`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
