package annual

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DPI is the resolution charts are drawn at: print quality.
const DPI = 300

// Chart sizes in millimetres.
const (
	chartWidth      = 170.0
	lineChartHeight = 80.0
	// groupChartHeight is the height of the chart of two groups over time.
	groupChartHeight = 62.0
	legendWidth      = 48.0
)

// Styles that read in black and white: each area has its own dash pattern
// and marker besides its colour; the kommune is a heavy solid black line.
var (
	areaDashes = [][]vg.Length{
		{}, {vg.Points(4), vg.Points(2)}, {vg.Points(1), vg.Points(1.5)}, {vg.Points(6), vg.Points(2), vg.Points(1), vg.Points(2)},
		{vg.Points(2), vg.Points(2)},
	}
	areaGlyphs = []draw.GlyphDrawer{draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{},
		draw.PyramidGlyph{}, draw.PlusGlyph{}, draw.SquareGlyph{}}
	areaColors = []color.Color{
		color.RGBA{0x1f, 0x4e, 0x79, 0xff}, color.RGBA{0xa0, 0x3c, 0x14, 0xff}, color.RGBA{0x2e, 0x6b, 0x30, 0xff},
		color.RGBA{0x6a, 0x3d, 0x9a, 0xff}, color.RGBA{0x80, 0x60, 0x00, 0xff}, color.RGBA{0x00, 0x6d, 0x77, 0xff},
		color.RGBA{0x70, 0x70, 0x70, 0xff},
	}
)

// chartText is the words a chart writes.
type chartText struct {
	Target, WithMeasures string
}

// Every chart is drawn pad pixels wider than its size, the extra strip
// white at the right: go-pdf/fpdf orders a document's images by width only
// (from a map, in random order among equal widths), so each image of a
// report gets its own width to make the output the same bytes every time.
// The strip reaches into the right margin, where it cannot be seen.

// padWidth is the width in millimetres of pad pixels at DPI.
func padWidth(pad int) float64 { return float64(pad) * 25.4 / DPI }

// format is what a chart is drawn as: a PNG at DPI for the PDF, or SVG
// for the web page.
type format int

const (
	asPNG format = iota
	asSVG
)

// canvas is a chart's canvas in its format.
type canvas struct {
	img *vgimg.Canvas
	svg *vgsvg.Canvas
}

// padded is a white canvas of the chart's size plus pad pixels (PNG only),
// and the part of it to draw on.
func padded(f format, wmm, hmm float64, pad int) (canvas, draw.Canvas) {
	if f == asSVG {
		c := vgsvg.NewWith(vgsvg.UseWH(mm(wmm), mm(hmm)))
		dc := draw.New(c)
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
		return canvas{svg: c}, dc
	}
	extra := mm(padWidth(pad))
	c := vgimg.NewWith(vgimg.UseWH(mm(wmm)+extra, mm(hmm)), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	return canvas{img: c}, draw.Crop(draw.New(c), 0, -extra, 0, 0)
}

// encode writes the chart: SVG as it is, a PNG in colour or, gray set, in
// shades of grey.
func (c canvas) encode(gray bool) ([]byte, error) {
	switch {
	case c.svg != nil:
		var b bytes.Buffer
		if _, err := c.svg.WriteTo(&b); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	case gray:
		return encodeGray(c.img)
	}
	return encode(c.img)
}

// lineChart draws an indicator's series for the kommune and its areas,
// with the kommune's target path and the path the adopted measures give,
// as a PNG at DPI. Values not among the points (missing or suppressed) are
// never drawn: a line breaks where its area lacks a period.
func lineChart(f format, ind Indicator, kommune *PathRow, words chartText, pad int) ([]byte, error) {
	p := newPlot()
	p.Y.Label.Text = ind.UnitText
	p.X.Tick.Marker = yearTicks{}
	p.Y.Tick.Marker = commaTicks{}
	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	leg.TextStyle.Font.Size = vg.Points(8)
	leg.TextStyle.Font.Variant = "Sans"
	leg.ThumbnailWidth = vg.Points(22)
	xs := map[float64]bool{}
	for _, s := range ind.Series {
		for _, pt := range s.Points {
			xs[pt.X] = true
		}
	}
	all := make([]float64, 0, len(xs))
	for x := range xs {
		all = append(all, x)
	}
	sort.Float64s(all)
	n := 0
	for _, s := range ind.Series {
		if len(s.Points) == 0 {
			continue
		}
		style := draw.LineStyle{Color: color.Black, Width: vg.Points(1.8)}
		glyph := draw.GlyphStyle{Color: color.Black, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		if !s.Kommune {
			c := areaColors[n%len(areaColors)]
			style = draw.LineStyle{Color: c, Width: vg.Points(0.9), Dashes: areaDashes[n%len(areaDashes)]}
			glyph = draw.GlyphStyle{Color: c, Radius: vg.Points(1.8), Shape: areaGlyphs[n%len(areaGlyphs)]}
			n++
		}
		var thumbs []plot.Thumbnailer
		for _, seg := range segments(s.Points, all) {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return nil, err
			}
			l.LineStyle = style
			sc, err := plotter.NewScatter(seg)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = glyph
			p.Add(l, sc)
			if thumbs == nil {
				thumbs = []plot.Thumbnailer{l, sc}
			}
		}
		name := s.Name
		if hasConfidential(s.Points) {
			name += " *"
		}
		leg.Add(name, thumbs...)
	}
	if kommune != nil && len(kommune.Trajectory.Points) > 0 {
		target := make(plotter.XYs, len(kommune.Trajectory.Points))
		with := make(plotter.XYs, len(kommune.Trajectory.Points))
		for i, tp := range kommune.Trajectory.Points {
			target[i] = plotter.XY{X: float64(tp.Year), Y: tp.Target.InexactFloat64()}
			with[i] = plotter.XY{X: float64(tp.Year), Y: tp.Measures.InexactFloat64()}
		}
		tl, err := plotter.NewLine(target)
		if err != nil {
			return nil, err
		}
		tl.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(7), vg.Points(3)}}
		wl, err := plotter.NewLine(with)
		if err != nil {
			return nil, err
		}
		wl.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x55}, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(1.2), vg.Points(1.8)}}
		p.Add(tl, wl)
		leg.Add(words.Target, tl)
		leg.Add(words.WithMeasures, wl)
	}
	padY(p)
	c, dc := padded(f, chartWidth, lineChartHeight, pad)
	p.Draw(draw.Crop(dc, 0, -mm(legendWidth), 0, 0))
	leg.Draw(draw.Crop(dc, mm(chartWidth-legendWidth+3), 0, 0, -mm(3)))
	return c.encode(false)
}

// barChart draws the areas' values in the latest period as horizontal
// bars from zero, ordered by socio-economic rank (the worst-off area at
// the top), with the kommune's value as a dashed line when given.
// Confidential values (internal reports) are white bars with a dashed
// outline and a "*" by the name.
func barChart(f format, ind Indicator, kommune *float64, pad int) ([]byte, error) {
	p := newPlot()
	p.X.Label.Text = ind.UnitText
	p.X.Tick.Marker = commaTicks{}
	n := len(ind.Bars)
	vals := make(plotter.Values, n)
	names := make([]string, n)
	conf := make(plotter.Values, n)
	anyConf := false
	for i, b := range ind.Bars {
		j := n - 1 - i // the first (worst-off) at the top
		names[j] = b.Name
		if b.Confidential {
			names[j] += " *"
			conf[j], anyConf = b.Value, true
		} else {
			vals[j] = b.Value
		}
	}
	width := mm(4)
	bars, err := plotter.NewBarChart(vals, width)
	if err != nil {
		return nil, err
	}
	bars.Horizontal = true
	bars.Color = color.Gray{Y: 0x90}
	bars.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.5)}
	p.Add(bars)
	if anyConf {
		cb, err := plotter.NewBarChart(conf, width)
		if err != nil {
			return nil, err
		}
		cb.Horizontal = true
		cb.Color = color.White
		cb.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(2), vg.Points(1)}}
		p.Add(cb)
	}
	p.NominalY(names...)
	p.X.Min = 0 // bars start at zero
	max := 0.0
	for _, b := range ind.Bars {
		max = math.Max(max, b.Value)
	}
	if kommune != nil {
		max = math.Max(max, *kommune)
		kl, err := plotter.NewLine(plotter.XYs{{X: *kommune, Y: -0.5}, {X: *kommune, Y: float64(n) - 0.5}})
		if err != nil {
			return nil, err
		}
		kl.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(2.5)}}
		p.Add(kl) // named in the caption the report writes below the chart
	}
	p.X.Max = max * 1.08
	if p.X.Max == 0 {
		p.X.Max = 1
	}
	c, dc := padded(f, chartWidth, BarChartHeight(n), pad)
	p.Draw(dc)
	return c.encode(true)
}

// BarChartHeight is the height in millimetres of the bar chart of n
// areas.
func BarChartHeight(n int) float64 { return 18 + 5.5*float64(n) }

func newPlot() *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(8.5)
		a.Label.TextStyle.Font.Variant = "Sans"
		a.Tick.Label.Font.Size = vg.Points(8)
		a.Tick.Label.Font.Variant = "Sans"
		a.Width = vg.Points(0.6)
	}
	p.BackgroundColor = color.White
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{Y: 0xdd}
	grid.Horizontal.Color = color.Gray{Y: 0xdd}
	grid.Vertical.Width, grid.Horizontal.Width = vg.Points(0.4), vg.Points(0.4)
	p.Add(grid)
	return p
}

// padY widens the value axis by a tenth of its range each way, so lines
// do not run along the frame. A line chart's axis need not start at zero:
// it shows change, not size.
func padY(p *plot.Plot) {
	span := p.Y.Max - p.Y.Min
	if span <= 0 {
		span = math.Max(math.Abs(p.Y.Max), 1)
	}
	p.Y.Min -= span / 10
	p.Y.Max += span / 10
	if p.Y.Min < 0 && p.Y.Max-span/10 >= 0 && p.Y.Min+span/10 >= 0 {
		p.Y.Min = 0 // values of these units are never negative
	}
}

// segments splits points where the series lacks a period that others
// have, so a missing or suppressed value breaks the line.
func segments(pts []Point, all []float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	next := 0 // index in all of the x after the previous point
	for _, pt := range pts {
		gap := false
		for next < len(all) && all[next] < pt.X {
			if len(cur) > 0 {
				gap = true
			}
			next++
		}
		if next < len(all) && all[next] == pt.X {
			next++
		}
		if gap && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, plotter.XY{X: pt.X, Y: pt.Y})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func hasConfidential(pts []Point) bool {
	for _, p := range pts {
		if p.Confidential {
			return true
		}
	}
	return false
}

func mm(x float64) vg.Length { return vg.Length(x) * vg.Millimeter }

// encode writes the canvas as PNG: flattened to opaque, so it is stored as
// RGB and the PDF embeds its compressed data as it is, with no soft mask. image/png's output depends only
// on the pixels, so the bytes are deterministic.
func encode(c *vgimg.Canvas) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	img := c.Image()
	if rgba, ok := img.(*image.RGBA); ok {
		img = flatten(rgba) // then image/png writes RGB, no alpha
	}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encodeGray writes a chart drawn in shades of grey (the bar charts) as a
// greyscale PNG: a third of the data of RGB, so quicker to encode.
func encodeGray(c *vgimg.Canvas) ([]byte, error) {
	src, ok := c.Image().(*image.RGBA)
	if !ok {
		return encode(c)
	}
	flatten(src)
	g := image.NewGray(src.Rect)
	for i, j := 0, 0; i+3 < len(src.Pix); i, j = i+4, j+1 {
		// the canvas is opaque: R, G and B suffice
		g.Pix[j] = uint8((299*uint32(src.Pix[i]) + 587*uint32(src.Pix[i+1]) + 114*uint32(src.Pix[i+2]) + 500) / 1000)
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, g); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// yearTicks puts a tick at every year (every second, fifth, … when there
// are many), labelled without decimals.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := int(math.Ceil(min)), int(math.Floor(max))
	step := 1
	for (hi-lo)/step > 12 {
		step++
	}
	var ts []plot.Tick
	for y := lo; y <= hi; y++ {
		t := plot.Tick{Value: float64(y)}
		if (y-lo)%step == 0 {
			t.Label = strconv.Itoa(y)
		}
		ts = append(ts, t)
	}
	return ts
}

// commaTicks are gonum's default ticks labelled with a decimal comma.
type commaTicks struct{}

func (commaTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		l := ts[i].Label
		if strings.Contains(l, ".") {
			l = strings.TrimSuffix(strings.TrimRight(l, "0"), ".")
		}
		ts[i].Label = strings.ReplaceAll(strings.ReplaceAll(l, ".", ","), "-", "−")
	}
	return ts
}

// kommuneValue is the kommune's value in the period of the bars, for the
// reference line; nil when missing or suppressed.
func kommuneValue(ind Indicator, period string) *float64 {
	for _, s := range ind.Series {
		if !s.Kommune {
			continue
		}
		for _, p := range s.Points {
			if p.Period == period {
				v := p.Y
				return &v
			}
		}
	}
	return nil
}

// groupChart draws the kommune's two groups over time as two lines that
// differ by dash and marker, with a legend naming the groups. A value
// missing or withheld breaks its line.
func groupChart(f format, ind Indicator, pad int) ([]byte, error) {
	g := ind.Groups
	p := newPlot()
	p.Y.Label.Text = ind.UnitText
	p.X.Tick.Marker = yearTicks{}
	p.Y.Tick.Marker = commaTicks{}
	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	leg.TextStyle.Font.Size = vg.Points(8)
	leg.TextStyle.Font.Variant = "Sans"
	leg.ThumbnailWidth = vg.Points(22)
	var all []float64
	for _, r := range g.Series {
		all = append(all, r.X)
	}
	styles := []struct {
		name  string
		get   func(GroupRow) *float64
		line  draw.LineStyle
		glyph draw.GlyphStyle
	}{
		{g.A, func(r GroupRow) *float64 { return r.A }, draw.LineStyle{Color: color.Black, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(5), vg.Points(2.5)}},
			draw.GlyphStyle{Color: color.Black, Radius: vg.Points(2.2), Shape: draw.TriangleGlyph{}}},
		{g.B, func(r GroupRow) *float64 { return r.B }, draw.LineStyle{Color: areaColors[0], Width: vg.Points(1.8)},
			draw.GlyphStyle{Color: areaColors[0], Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}},
	}
	for _, st := range styles {
		var pts []Point
		for _, r := range g.Series {
			if v := st.get(r); v != nil {
				pts = append(pts, Point{X: r.X, Y: *v})
			}
		}
		var thumbs []plot.Thumbnailer
		for _, seg := range segments(pts, all) {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return nil, err
			}
			l.LineStyle = st.line
			sc, err := plotter.NewScatter(seg)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = st.glyph
			p.Add(l, sc)
			if thumbs == nil {
				thumbs = []plot.Thumbnailer{l, sc}
			}
		}
		if thumbs != nil {
			leg.Add(st.name, thumbs...)
		}
	}
	padY(p)
	c, dc := padded(f, chartWidth, groupChartHeight, pad)
	p.Draw(draw.Crop(dc, 0, -mm(legendWidth), 0, 0))
	leg.Draw(draw.Crop(dc, mm(chartWidth-legendWidth+3), 0, 0, -mm(3)))
	return c.encode(false)
}

// What a chart shows, in words and in numbers: the alternative text of its
// Figure (one sentence for a screen reader, from the same points the chart
// draws, so suppressed values are left out of both) and the table of its
// numbers in the appendix.

// changeText says how a value went from a to b, both as printed, with
// the unit after them: "økte fra 19,8 prosent i 2015 til 21,9 prosent i
// 2025".
func changeText(lang indicators.Lang, a, b, unit, pa, pb string) string {
	up := parseNorsk(b) > parseNorsk(a)
	same := parseNorsk(a) == parseNorsk(b)
	a, b = a+unit, b+unit
	switch {
	case same:
		return fmt.Sprintf(lang2(lang, "var %s både i %s og i %s", "var %s både i %s og i %s"), a, pa, pb)
	case up:
		return fmt.Sprintf(lang2(lang, "økte fra %s i %s til %s i %s", "auka frå %s i %s til %s i %s"), a, pa, b, pb)
	default:
		return fmt.Sprintf(lang2(lang, "falt fra %s i %s til %s i %s", "fall frå %s i %s til %s i %s"), a, pa, b, pb)
	}
}

// parseNorsk reads a figure as Float writes it.
func parseNorsk(s string) float64 {
	s = strings.NewReplacer("\u00a0", "", " ", "", ",", ".", "−", "-", "*", "").Replace(s)
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// pointText is a point's value as the alternative text and the appendix
// write it: in the unit's precision, "*" after a confidential value.
func pointText(p Point, places int) string {
	s := Float(p.Y, places)
	if p.Confidential {
		s += "*"
	}
	return s
}

// lineAlt is the alternative text of an indicator's line chart: per area,
// its first and last value, and the kommune's target path.
func lineAlt(ind Indicator, kommune *PathRow, lang indicators.Lang) string {
	places := int(ValuePlaces(ind.Unit))
	unit := UnitSuffix(ind.Unit, lang)
	var parts []string
	for _, s := range ind.Series {
		n := len(s.Points)
		if n == 0 {
			continue
		}
		first, last := s.Points[0], s.Points[n-1]
		if n == 1 {
			parts = append(parts, fmt.Sprintf(lang2(lang, "%s: %s i %s", "%s: %s i %s"), s.Name, pointText(first, places)+unit, first.Period))
			continue
		}
		parts = append(parts, s.Name+" "+changeText(lang, pointText(first, places), pointText(last, places), unit, first.Period, last.Period))
	}
	text := fmt.Sprintf(lang2(lang, "Linjediagram over %s: ", "Linjediagram over %s: "), lowerFirst(ind.Name))
	if len(parts) == 0 {
		text += lang2(lang, "ingen verdier å vise", "ingen verdiar å vise")
	} else {
		text += strings.Join(parts, "; ")
	}
	if kommune != nil && len(kommune.Trajectory.Points) > 0 {
		tp := kommune.Trajectory.Points[len(kommune.Trajectory.Points)-1]
		text += fmt.Sprintf(lang2(lang, ". Målbanen for kommunen når %s i %d; med vedtatte tiltak %s",
			". Målbana for kommunen når %s i %d; med vedtekne tiltak %s"),
			Value(tp.Target, ind.Unit)+unit, tp.Year, Value(tp.Measures, ind.Unit)+unit)
	}
	return text + "."
}

// barAlt is the alternative text of the bar chart: each area's value in
// the latest period, worst-off first, and the kommune's.
func barAlt(ind Indicator, kommune *float64, lang indicators.Lang) string {
	places := int(ValuePlaces(ind.Unit))
	unit := UnitSuffix(ind.Unit, lang)
	var parts []string
	for _, b := range ind.Bars {
		parts = append(parts, b.Name+" "+pointText(Point{Y: b.Value, Confidential: b.Confidential}, places)+unit)
	}
	text := fmt.Sprintf(lang2(lang, "Søylediagram over %s i %s etter område, det mest utsatte først: %s",
		"Søylediagram over %s i %s etter område, det mest utsette først: %s"),
		lowerFirst(ind.Name), ind.Inequality.Latest.Period.Label, strings.Join(parts, "; "))
	if kommune != nil {
		text += fmt.Sprintf(lang2(lang, ". Kommunen: %s", ". Kommunen: %s"), Float(*kommune, places)+unit)
	}
	return text + "."
}

// groupAlt is the alternative text of the chart of two groups over time.
func groupAlt(ind Indicator, lang indicators.Lang) string {
	g := ind.Groups
	unit := UnitSuffix(ind.Unit, lang)
	var parts []string
	for _, side := range []struct {
		name string
		get  func(GroupRow) (*float64, string)
	}{
		{g.A, func(r GroupRow) (*float64, string) { return r.A, r.AText }},
		{g.B, func(r GroupRow) (*float64, string) { return r.B, r.BText }},
	} {
		var first, last *GroupRow
		for i := range g.Series {
			if v, _ := side.get(g.Series[i]); v != nil {
				if first == nil {
					first = &g.Series[i]
				}
				last = &g.Series[i]
			}
		}
		if first == nil {
			continue
		}
		_, a := side.get(*first)
		_, b := side.get(*last)
		if first == last {
			parts = append(parts, fmt.Sprintf("%s: %s i %s", side.name, a+unit, first.Period))
			continue
		}
		parts = append(parts, side.name+" "+changeText(lang, a, b, unit, first.Period, last.Period))
	}
	text := fmt.Sprintf(lang2(lang, "Linjediagram over %s i kommunen for to grupper: ", "Linjediagram over %s i kommunen for to grupper: "),
		lowerFirst(ind.Name))
	if len(parts) == 0 {
		return text + lang2(lang, "ingen verdier å vise.", "ingen verdiar å vise.")
	}
	return text + strings.Join(parts, "; ") + "."
}

// lineTable is the table of the numbers a line chart draws: the areas and
// the kommune's target paths against the periods, turned so the periods
// are rows when there are more of them than areas.
func lineTable(ind Indicator, kommune *PathRow, words chartText, lang indicators.Lang) pdf.Table {
	places := int(ValuePlaces(ind.Unit))
	type col struct {
		x     float64
		label string
	}
	var xs []col
	seen := map[float64]bool{}
	addX := func(x float64, label string) {
		if !seen[x] {
			seen[x] = true
			xs = append(xs, col{x, label})
		}
	}
	var names []string
	var vals []map[float64]string
	for _, s := range ind.Series {
		if len(s.Points) == 0 {
			continue
		}
		m := map[float64]string{}
		for _, p := range s.Points {
			addX(p.X, p.Period)
			m[p.X] = pointText(p, places)
		}
		names, vals = append(names, s.Name), append(vals, m)
	}
	if kommune != nil && len(kommune.Trajectory.Points) > 0 {
		tm, wm := map[float64]string{}, map[float64]string{}
		for _, tp := range kommune.Trajectory.Points {
			x := float64(tp.Year)
			addX(x, strconv.Itoa(tp.Year))
			tm[x], wm[x] = Value(tp.Target, ind.Unit), Value(tp.Measures, ind.Unit)
		}
		names, vals = append(names, words.Target, words.WithMeasures), append(vals, tm, wm)
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].x < xs[j].x })
	cell := func(i int, c col) string {
		if v, ok := vals[i][c.x]; ok {
			return v
		}
		return Missing
	}
	t := pdf.Table{RowHeaders: true, Size: 7.5}
	if len(xs) > len(names) { // periods down, areas across
		t.Header = append([]string{lang2(lang, "Periode", "Periode")}, names...)
		for _, c := range xs {
			row := []string{c.label}
			for i := range names {
				row = append(row, cell(i, c))
			}
			t.Rows = append(t.Rows, row)
		}
	} else {
		t.Header = []string{lang2(lang, "Område", "Område")}
		for _, c := range xs {
			t.Header = append(t.Header, c.label)
		}
		for i, n := range names {
			row := []string{n}
			for _, c := range xs {
				row = append(row, cell(i, c))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	// a column as wide as its heading's longest word needs (and a number's
	// five characters): the header wraps between words, so every word must
	// fit whole at the header's one size
	width := func(head string) float64 {
		n := 5
		for _, w := range strings.Fields(head) {
			n = max(n, len([]rune(w)))
		}
		return float64(n) / 6
	}
	t.Widths = []float64{2.2}
	if len(xs) <= len(names) {
		t.Widths[0] = 2
	}
	t.Align = []pdf.Align{pdf.Left}
	for _, h := range t.Header[1:] {
		t.Widths = append(t.Widths, width(h))
		t.Align = append(t.Align, pdf.Right)
	}
	return t
}

// barTable is the table of the numbers the bar chart draws.
func barTable(ind Indicator, lang indicators.Lang) pdf.Table {
	places := int(ValuePlaces(ind.Unit))
	t := pdf.Table{Header: []string{lang2(lang, "Område", "Område"), ind.Inequality.Latest.Period.Label}, RowHeaders: true,
		Widths: []float64{2, 1}, Align: []pdf.Align{pdf.Left, pdf.Right}}
	for _, b := range ind.Bars {
		t.Rows = append(t.Rows, []string{b.Name, pointText(Point{Y: b.Value, Confidential: b.Confidential}, places)})
	}
	return t
}

// flatten makes img opaque in place, on white: PDF/A archives want no
// transparency, and a PNG with an alpha channel would be embedded with a
// soft mask. The canvas is premultiplied, so white shows through as
// 255 − alpha in every channel.
func flatten(img *image.RGBA) *image.RGBA {
	p := img.Pix
	for i := 0; i+3 < len(p); i += 4 {
		if a := p[i+3]; a != 0xff {
			w := 0xff - a
			p[i], p[i+1], p[i+2], p[i+3] = p[i]+w, p[i+1]+w, p[i+2]+w, 0xff
		}
	}
	return img
}
