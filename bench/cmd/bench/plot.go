package main

import (
	"fmt"
	"image/color"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// writePlot draws wall time against N: one panel per resource type (rows) and phase (columns),
// with the baseline, the provider, the provider under latency and the ideal for that latency.
func writePlot(file string, res *results, o options) error {
	lat := fmt.Sprintf("%g ms", res.Settings.LatencyMS)
	series := []struct {
		name  string
		value func(row) float64
		color color.RGBA
		dash  []vg.Length
	}{
		{"baseline (no-op provider)", func(r row) float64 { return r.Baseline }, color.RGBA{R: 120, G: 120, B: 120, A: 255}, nil},
		{"provider", func(r row) float64 { return r.Provider }, color.RGBA{R: 31, G: 119, B: 180, A: 255}, nil},
		{"provider, " + lat + " latency", func(r row) float64 { return r.Latency }, color.RGBA{R: 214, G: 39, B: 40, A: 255}, nil},
		{"ideal at " + lat + " (baseline + calls × latency ÷ parallelism)", func(r row) float64 { return r.Ideal }, color.RGBA{R: 255, G: 127, B: 14, A: 255}, []vg.Length{vg.Points(4), vg.Points(3)}},
	}
	plots := make([][]*plot.Plot, len(o.types))
	for i, typ := range o.types {
		plots[i] = make([]*plot.Plot, len(phases))
		for j, phase := range phases {
			p := plot.New()
			p.Title.Text = typ + ": " + phase
			p.X.Label.Text = "N (customers)"
			p.Y.Label.Text = "wall time (s)"
			p.Y.Min = 0
			p.Add(plotter.NewGrid())
			for _, s := range series {
				var pts plotter.XYs
				for _, rw := range res.Rows {
					if rw.Type == typ && rw.Phase == phase {
						pts = append(pts, plotter.XY{X: float64(rw.N), Y: s.value(rw)})
					}
				}
				line, points, err := plotter.NewLinePoints(pts)
				if err != nil {
					return err
				}
				line.Color, line.Dashes, line.Width = s.color, s.dash, vg.Points(1.5)
				points.Color, points.Shape = s.color, draw.CircleGlyph{}
				p.Add(line, points)
				if i == 0 && j == 0 {
					p.Legend.Add(s.name, line, points)
				}
			}
			p.Legend.Top, p.Legend.Left = true, true
			p.Legend.TextStyle.Font.Size = vg.Points(8)
			plots[i][j] = p
		}
	}
	img := vgimg.New(vg.Points(float64(330*len(phases))), vg.Points(float64(260*len(o.types))))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: len(o.types), Cols: len(phases), PadX: vg.Points(12), PadY: vg.Points(12),
		PadTop: vg.Points(8), PadBottom: vg.Points(8), PadLeft: vg.Points(8), PadRight: vg.Points(8)}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		for j := range plots[i] {
			plots[i][j].Draw(canvases[i][j])
		}
	}
	f, err := os.Create(file) //nolint:gosec // the chosen output
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
