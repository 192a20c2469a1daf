/// libgit2 built with mbedTLS (Debian's) parses every certificate of the system's store in
/// `git_libgit2_init`, for HTTPS remotes: 6 to 7 ms of every pre-commit check's 30, and
/// handoff never talks to a remote (it reads the repository on disk only). These two
/// definitions take the place of mbedTLS's loaders in this process, so libgit2 starts with an
/// empty store: were a TLS connection ever attempted, no server would be trusted and it would
/// fail, never succeed unchecked. Where libgit2 uses another TLS library (OpenSSL, macOS's),
/// nothing calls them.
#if os(Linux)
  @_cdecl("mbedtls_x509_crt_parse_file")
  public func handoffSkipsCertificateFile(
    _ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?
  ) -> Int32 {
    0
  }

  @_cdecl("mbedtls_x509_crt_parse_path")
  public func handoffSkipsCertificateFolder(
    _ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?
  ) -> Int32 {
    0
  }
#endif
