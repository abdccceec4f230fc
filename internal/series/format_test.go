package series

import (
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1100, "1,100"}, {12000, "12,000"}, {738660, "738,660"},
		{2200000, "2,200,000"}, {1.5, "1.5"}, {990.0000000001, "990"}, {1209.999999, "1,210"},
		{-1100, "-1,100"}, {inf, "∞"},
	} {
		if got := FormatNumber(tc.v); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestFormatShort(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{5, "5"}, {950, "950"}, {1000, "1k"}, {1100, "1.1k"}, {1210, "1.2k"}, {12000, "12k"},
		{12500, "12.5k"}, {123456, "123k"}, {999999, "1M"}, {2200000, "2.2M"}, {117300000, "117M"},
		{1.5e9, "1.5B"}, {inf, "∞"},
	} {
		if got := FormatShort(tc.v); got != tc.want {
			t.Errorf("FormatShort(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestFormatFigure(t *testing.T) {
	for _, tc := range []struct {
		text, want, short string
	}{
		{"1,100", "1,100", "1.1k"},
		{"around 1,100", "≈1,100", "≈1.1k"},
		{"more than 1,000", "≥1,000", "≥1k"},
		{"up to 12,000", "≤12,000", "≤12k"},
		{"10,000 to 12,000", "10,000–12,000", "10k–12k"},
		{"Thousands", "thousands", "thousands"},
		{"tens of  thousands", "tens of thousands", "tens of thousands"},
	} {
		q, v, lo, hi := parseText(tc.text)
		f := claim.Figure{NumberText: tc.text, Qualifier: q, Value: v, Low: lo, High: hi}
		if got := FormatFigure(f); got != tc.want {
			t.Errorf("FormatFigure(%q) = %q, want %q", tc.text, got, tc.want)
		}
		if got := FormatFigureShort(f); got != tc.short {
			t.Errorf("FormatFigureShort(%q) = %q, want %q", tc.text, got, tc.short)
		}
	}
	// A row whose numbers do not fit its qualifier shows its interval.
	if got := FormatFigure(claim.Figure{Qualifier: claim.Exact, NumberText: "hundreds"}); got != "200–999" {
		t.Errorf("fallback %q", got)
	}
}

func TestFormatInterval(t *testing.T) {
	for _, tc := range []struct {
		iv   Interval
		want string
	}{
		{Interval{1100, 1100}, "1,100"}, {Interval{990, 1210}, "990–1,210"},
		{Interval{3000, inf}, "≥3,000"}, {Interval{0, 12000}, "≤12,000"}, {Interval{0, 0}, "0"},
	} {
		if got := FormatInterval(tc.iv); got != tc.want {
			t.Errorf("FormatInterval(%v) = %q, want %q", tc.iv, got, tc.want)
		}
	}
}
