internal import CFYAML

/// One libfyaml event parser over a file's bytes, for the loader and the span reader alike.
enum LibFYAMLParser {
  enum Outcome {
    case couldNotStart, couldNotRead
    /// Parsing ended; `streamError` when it stopped on a syntax error.
    case finished(streamError: Bool)
  }

  /// A diagnostics object that keeps libfyaml's messages to itself (without one, some syntax
  /// errors are printed to stderr even in quiet mode); errors are collected for the caller to
  /// read. The caller destroys it with `fy_diag_destroy`.
  static func silentDiagnostics() -> OpaquePointer? {
    var config = silentConfiguration
    guard let diag = fy_diag_create(&config) else { return nil }
    fy_diag_set_collect_errors(diag, true)
    return diag
  }

  /// Made once: libfyaml's defaults ask whether stderr is a terminal, a system call for each of
  /// the hundred thousand files a history walk reads.
  nonisolated(unsafe) private static let silentConfiguration: fy_diag_cfg = {
    var config = fy_diag_cfg()
    fy_diag_cfg_default(&config)
    config.fp = nil
    config.output_fn = { _, _, _, _ in }
    config.level = FYET_ERROR
    config.colorize = false
    return config
  }()

  /// Feeds every event to `handle` until it returns false or the stream ends. The events are
  /// the parser's: valid only during the call.
  ///
  /// libfyaml 0.7.12 can crash freeing a parser that stopped on some errors (`? s:<tab>:`, found
  /// by fuzzing): after a stream error the parser is left to the process instead, a few
  /// kilobytes once per broken file.
  @inline(__always)
  static func parse(
    _ body: UnsafeRawBufferPointer, flags: UInt32, diag: OpaquePointer? = nil,
    _ handle: (UnsafeMutablePointer<fy_event>) -> Bool
  ) -> Outcome {
    var config = fy_parse_cfg()
    config.flags = fy_parse_cfg_flags(rawValue: flags)
    config.diag = diag
    guard let parser = fy_parser_create(&config) else { return .couldNotStart }
    var streamError = false
    defer { if !streamError { fy_parser_destroy(parser) } }
    guard let base = body.baseAddress?.assumingMemoryBound(to: CChar.self),
      fy_parser_set_string(parser, base, body.count) == 0
    else { return .couldNotRead }
    while let event = fy_parser_parse(parser) {
      let more = handle(event)
      fy_parser_event_free(parser, event)
      if !more { break }
    }
    streamError = fy_parser_get_stream_error(parser)
    return .finished(streamError: streamError)
  }
}
