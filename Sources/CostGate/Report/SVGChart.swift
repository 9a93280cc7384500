/// Inline SVG charts for the HTML report: grouped horizontal bars and line charts, drawn from numbers alone
/// (no script, no font, no external reference). Every label goes through `HTML.escape`.
enum SVGChart {
    /// Series colours: base grey, then blue, orange, green, purple, red.
    static let colors = ["#8c96a8", "#2f6fde", "#e07b39", "#3a9d5d", "#8e5bd0", "#cc3d3d"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }

    /// A legend line: a swatch and a name per series.
    private static func legend(_ series: [String], y: Double) -> String {
        var text = ""
        var x = 10.0
        for (index, name) in series.enumerated() {
            let label = HTML.escape(name, limit: 40)
            text += "<rect x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(y - 10))\" width=\"12\" height=\"12\" fill=\"\(color(index))\"/>"
                + "<text x=\"\(HTML.coordinate(x + 16))\" y=\"\(HTML.coordinate(y))\">\(label)</text>\n"
            x += 28 + Double(min(name.count, 40)) * 7.5
        }
        return text
    }

    /// Grouped horizontal bars: one group per row, one bar per series, the value printed after each bar.
    /// - Parameters:
    ///   - title: the chart's accessible name.
    ///   - rows: a label and one value per series (non-negative).
    ///   - series: the series names, in the order of each row's values.
    ///   - format: writes a value beside its bar.
    static func bars(title: String, rows: [(label: String, values: [Double])], series: [String], format: (Double) -> String) -> String {
        let labelWidth = 180.0
        let plotWidth = 420.0
        let barHeight = 14.0
        let groupHeight = barHeight * Double(series.count) + 10
        let top = 30.0
        let height = top + groupHeight * Double(rows.count) + 10
        let largest = max(rows.flatMap(\.values).max() ?? 0, 1e-12)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"720\" height=\"\(HTML.coordinate(height))\" "
            + "viewBox=\"0 0 720 \(HTML.coordinate(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">\n"
        svg += legend(series, y: 16)
        for (rowIndex, row) in rows.enumerated() {
            let y = top + groupHeight * Double(rowIndex)
            svg += "<text x=\"\(HTML.coordinate(labelWidth - 8))\" y=\"\(HTML.coordinate(y + groupHeight / 2))\" text-anchor=\"end\">"
                + HTML.escape(row.label, limit: 24) + "</text>\n"
            for (index, value) in row.values.enumerated() {
                let width = max(0, value) / largest * plotWidth
                let barY = y + barHeight * Double(index)
                svg += "<rect x=\"\(HTML.coordinate(labelWidth))\" y=\"\(HTML.coordinate(barY))\" width=\"\(HTML.coordinate(width))\" "
                    + "height=\"\(HTML.coordinate(barHeight - 2))\" fill=\"\(color(index))\"/>"
                    + "<text x=\"\(HTML.coordinate(labelWidth + width + 4))\" y=\"\(HTML.coordinate(barY + barHeight - 4))\" class=\"value\">"
                    + HTML.escape(format(value)) + "</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// One line per series over shared axes starting at zero.
    /// - Parameters:
    ///   - series: a name and its points, x ascending.
    ///   - xLabel, yLabel: the axes' names.
    ///   - step: draw each point as a step (hourly counts) rather than a straight segment.
    ///   - yTop: the y axis's end (1 for shares), or nil for the largest value.
    ///   - yFormat, xFormat: tick labels.
    static func lines(title: String, series: [(name: String, points: [(x: Double, y: Double)])], xLabel: String, yLabel: String,
                      step: Bool, yTop: Double? = nil, xFormat: (Double) -> String, yFormat: (Double) -> String) -> String {
        let left = 60.0
        let right = 700.0
        let top = 30.0
        let bottom = 250.0
        let xMax = max(series.flatMap { $0.points.map(\.x) }.max() ?? 1, 1e-12)
        let yMax = yTop ?? max(series.flatMap { $0.points.map(\.y) }.max() ?? 1, 1e-12)
        func px(_ x: Double) -> Double { left + x / xMax * (right - left) }
        func py(_ y: Double) -> Double { bottom - y / yMax * (bottom - top) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"720\" height=\"290\" viewBox=\"0 0 720 290\" "
            + "role=\"img\" aria-label=\"\(HTML.escape(title))\">\n"
        svg += legend(series.map(\.name), y: 16)
        svg += "<path d=\"M\(HTML.coordinate(left)) \(HTML.coordinate(top)) V\(HTML.coordinate(bottom)) H\(HTML.coordinate(right))\" class=\"axis\"/>\n"
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            let x = px(fraction * xMax)
            let y = py(fraction * yMax)
            svg += "<text x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(bottom + 16))\" text-anchor=\"middle\">\(HTML.escape(xFormat(fraction * xMax)))</text>"
                + "<text x=\"\(HTML.coordinate(left - 6))\" y=\"\(HTML.coordinate(y + 4))\" text-anchor=\"end\">\(HTML.escape(yFormat(fraction * yMax)))</text>"
                + "<path d=\"M\(HTML.coordinate(left)) \(HTML.coordinate(y)) H\(HTML.coordinate(right))\" class=\"grid\"/>\n"
        }
        svg += "<text x=\"\(HTML.coordinate((left + right) / 2))\" y=\"284\" text-anchor=\"middle\">\(HTML.escape(xLabel))</text>"
            + "<text x=\"14\" y=\"\(HTML.coordinate((top + bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(HTML.coordinate((top + bottom) / 2)))\">"
            + HTML.escape(yLabel) + "</text>\n"
        for (index, line) in series.enumerated() where !line.points.isEmpty {
            var path = ""
            for (pointIndex, point) in line.points.enumerated() {
                let x = HTML.coordinate(px(point.x))
                let y = HTML.coordinate(py(point.y))
                if pointIndex == 0 {
                    path += "M\(x) \(y)"
                } else {
                    path += step ? " H\(x) V\(y)" : " L\(x) \(y)"
                }
            }
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color(index))\" stroke-width=\"2\"/>\n"
        }
        return svg + "</svg>\n"
    }
}
