/// Small bar charts as inline SVG, so the HTML report needs no script, font or image file and
/// prints as it shows.
enum SVGChart {
  struct Bar {
    var label: String
    var value: Double
    /// The text printed on or above the bar.
    var caption: String
  }

  /// Vertical bars, one per label (months, usually), scaled to `maximum` or the largest value.
  static func columns(
    _ bars: [Bar], maximum: Double? = nil, title: String, scaleCaption: (Double) -> String
  ) -> String {
    let width = 720.0
    let height = 200.0
    let left = 40.0
    let right = 24.0
    let bottom = 28.0
    let top = 18.0
    let scale = max(maximum ?? 0, bars.map(\.value).max() ?? 0, 1e-9)
    let slot = (width - left - right) / Double(max(bars.count, 1))
    let barWidth = max(2, slot * 0.7)
    // Print every label when they fit, otherwise every n-th.
    let every = max(1, Int((46 / slot).rounded(.up)))
    var svg = open(width: width, height: height, title: title)
    svg += line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, css: "axis")
    svg += line(x1: left, y1: top, x2: width - right, y2: top, css: "grid")
    svg += text(scaleCaption(scale), x: left - 4, y: top + 4, css: "label end")
    svg += text(scaleCaption(0), x: left - 4, y: height - bottom + 4, css: "label end")
    for (index, bar) in bars.enumerated() {
      let barHeight = (height - bottom - top) * bar.value / scale
      let x = left + Double(index) * slot + (slot - barWidth) / 2
      let y = height - bottom - barHeight
      svg +=
        "<rect class=\"bar\" x=\"\(fixed(x))\" y=\"\(fixed(y))\" width=\"\(fixed(barWidth))\" "
        + "height=\"\(fixed(barHeight))\">"
        + "<title>\(Markup.escape(bar.label)): \(Markup.escape(bar.caption))</title></rect>"
      if bars.count <= 16 {
        svg += text(bar.caption, x: x + barWidth / 2, y: y - 4, css: "value")
      }
      if index % every == 0 {
        svg += text(bar.label, x: x + barWidth / 2, y: height - bottom + 16, css: "label")
      }
    }
    return svg + "</svg>"
  }

  /// Horizontal bars with their labels on the left: distributions over a few categories.
  /// Scaled to `maximum` when given (100 for percentages), else to the largest value.
  static func rows(_ bars: [Bar], title: String, maximum: Double? = nil) -> String {
    let rowHeight = 26.0
    // Room for the longest label and caption at about 6 px a character, 180 px for the bars.
    let right = max(64.0, min(220.0, Double(bars.map(\.caption.count).max() ?? 0) * 5.6 + 10))
    let left = max(96.0, min(170.0, Double(bars.map(\.label.count).max() ?? 0) * 6 + 12))
    let width = left + 180 + right
    let height = rowHeight * Double(bars.count) + 8
    let largest = max(maximum ?? 0, bars.map(\.value).max() ?? 0, 1e-9)
    var svg = open(width: width, height: height, title: title)
    for (index, bar) in bars.enumerated() {
      let y = 4 + Double(index) * rowHeight
      let length = max(0, (width - left - right) * bar.value / largest)
      svg += text(bar.label, x: left - 8, y: y + 17, css: "label end")
      svg +=
        "<rect class=\"bar\" x=\"\(fixed(left))\" y=\"\(fixed(y + 4))\" "
        + "width=\"\(fixed(length))\" height=\"\(fixed(rowHeight - 8))\"/>"
      svg += text(bar.caption, x: left + length + 6, y: y + 17, css: "value start")
    }
    return svg + "</svg>"
  }

  private static func open(width: Double, height: Double, title: String) -> String {
    "<svg class=\"chart\" viewBox=\"0 0 \(fixed(width)) \(fixed(height))\" role=\"img\" "
      + "aria-label=\"\(Markup.escape(title))\">"
  }

  private static func text(_ content: String, x: Double, y: Double, css: String) -> String {
    "<text class=\"\(css)\" x=\"\(fixed(x))\" y=\"\(fixed(y))\">\(Markup.escape(content))</text>"
  }

  private static func line(x1: Double, y1: Double, x2: Double, y2: Double, css: String) -> String {
    "<line class=\"\(css)\" x1=\"\(fixed(x1))\" y1=\"\(fixed(y1))\" x2=\"\(fixed(x2))\" "
      + "y2=\"\(fixed(y2))\"/>"
  }

  /// One decimal: enough for a chart, and stable text for tests.
  private static func fixed(_ value: Double) -> String { FigureText.decimal(value) }
}
