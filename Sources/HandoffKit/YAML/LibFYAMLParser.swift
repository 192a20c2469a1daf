internal import CFYAML

/// One libfyaml event parser over a file's bytes, for the loader and the span reader alike.
enum LibFYAMLParser {
  enum Outcome {
    case couldNotStart, couldNotRead
    /// Parsing ended; `streamError` when it stopped on a syntax error.
    case finished(streamError: Bool)
  }

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
