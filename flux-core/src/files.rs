//! Files a user names (catalogs, policies, configurations, documents): why one could not be
//! read, in plain words, and the file's name without its directories (an operator's
//! configuration and chain files are named by their whole path). A leaf module: every layer that
//! reads a file uses it.

/// Why a file could not be read, in plain words: "no such file" rather than the I/O error's
/// "entity not found" (and never the OS's message, which may quote a full path).
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::IsADirectory => "is a directory, not a file".to_owned(),
        K::InvalidData => "not UTF-8 text".to_owned(),
        other => other.to_string(),
    }
}

/// A file's name (not its directories) for a message, cut to 120 characters; "the path" when it
/// names no file ("/srv/x/..").
pub(crate) fn file_name(path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(|| "the path".to_owned(), |n| n.to_string_lossy().into_owned());
    name.chars().filter(|c| !c.is_control()).take(120).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn unreadable_files_say_why_in_plain_words_and_name_no_directory() {
        let e = crate::FluxError::from(crate::intent::Document::read("/nonexistent/private/list.md").unwrap_err()).to_string();
        assert!(e.contains("list.md: no such file") && !e.contains("private"), "{e}");
        let e = crate::Policy::from_path("/nonexistent/private/policy.toml").unwrap_err().to_string();
        assert!(e.contains("policy.toml: no such file") && !e.contains("private"), "{e}");
        let e = crate::catalog::MemoryCatalog::from_path("/nonexistent/private").unwrap_err().to_string();
        assert!(e.contains("private: no such file"), "{e}");
        let e = crate::Policy::from_path(std::env::temp_dir()).unwrap_err().to_string();
        assert!(e.contains("is a directory"), "{e}");
    }
}
