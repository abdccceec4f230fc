package geo

import (
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	tests := []struct {
		text string
		want []string // "Text=Country"
	}{
		{"Around 1,100 North Korean casualties, South Korea's Joint Chiefs of Staff said.", []string{"North Korean=North Korea", "South Korea=South Korea"}},
		{"Seoul's spy agency and Pyongyang", []string{"Seoul=South Korea", "Pyongyang=North Korea"}},
		{"US SOLDIERS KILLED", []string{"US=United States"}},
		{"U.S. troops in the U.S.", []string{"U.S.=United States", "U.S.=United States"}},
		{"Iraqis and Afghans; an Iraqi, an Afghan, a Filipino", []string{"Iraqis=Iraq", "Afghans=Afghanistan", "Iraqi=Iraq", "Afghan=Afghanistan", "Filipino=Philippines"}},
		{"Shi'ite militia", nil},
		{"Niger and Nigeria", []string{"Niger=Niger", "Nigeria=Nigeria"}},
		{"police in Niger state; Kano state; Niger State", []string{"Niger state=Nigeria", "Kano state=Nigeria", "Niger State=Nigeria"}},
		{"Guinea-Bissau and Guinea", []string{"Guinea-Bissau=Guinea-Bissau", "Guinea=Guinea"}},
		{"Democratic Republic of the Congo; Congo", []string{"Democratic Republic of the Congo=Democratic Republic of the Congo", "Congo=Democratic Republic of the Congo"}},
		{"Georgia and Jordan", []string{"Georgia=Georgia", "Jordan=Jordan"}},
		{"Chad; a turkey in Turkey; china in China", []string{"Chad=Chad", "Turkey=Turkey", "China=China"}},
		{"Kyiv, Kiev, Moscow, the Kremlin, Washington", []string{"Kyiv=Ukraine", "Kiev=Ukraine", "Moscow=Russia", "Kremlin=Russia", "Washington=United States"}},
		{"Kursk, Fallujah, Najaf, Mosul, Kandahar, Darfur", []string{"Kursk=Russia", "Fallujah=Iraq", "Najaf=Iraq", "Mosul=Iraq", "Kandahar=Afghanistan", "Darfur=Sudan"}},
		{"Chechnya, Beslan, Dagestan, Florida, MIAMI, Fla. (AP)", []string{"Chechnya=Russia", "Beslan=Russia", "Dagestan=Russia", "Florida=United States", "MIAMI=United States", "Fla.=United States"}},
		// Datelines in capitals; "US" and "UAE" stay as written.
		{"GAZA CITY (Reuters) - BAGHDAD, US and UAE officials, and HELP in capitals", []string{"GAZA CITY=Palestinians", "BAGHDAD=Iraq", "US=United States", "UAE=United Arab Emirates"}},
		{"Gaza, the West Bank, Bali", []string{"Gaza=Palestinians", "West Bank=Palestinians", "Bali=Indonesia"}},
		{"Britain, British, UK, Turkish", []string{"Britain=United Kingdom", "British=United Kingdom", "UK=United Kingdom", "Turkish=Turkey"}},
		{"Nice weather; Reading is fun; Mobile phones; Split decision; Bush said; Of course", nil},
		{"Ukraine's army; Ukrainians", []string{"Ukraine=Ukraine", "Ukrainians=Ukraine"}},
		{"Côte d’Ivoire and Ivory Coast", []string{"Côte d’Ivoire=Ivory Coast", "Ivory Coast=Ivory Coast"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range Scan(tt.text) {
			if tt.text[m.Start:m.End] != m.Text {
				t.Errorf("%q: span %d:%d is %q, Text %q", tt.text, m.Start, m.End, tt.text[m.Start:m.End], m.Text)
			}
			got = append(got, m.Text+"="+m.Country)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Scan(%q)\n got  %v\n want %v", tt.text, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		phrase, country string
		kind            Kind
	}{
		{"North Koreans", "North Korea", Demonym},
		{"Seoul", "South Korea", Capital},
		{"Seoul's", "South Korea", Capital},
		{"Ukraine's", "Ukraine", Country},
		{"Kursk", "Russia", Region},
		{"U.S.", "United States", Country},
		{"US", "United States", Country},
		{"the Kremlin", "Russia", Capital},
		{"south korean", "South Korea", Demonym},
		{"Americans", "United States", Demonym},
		{"Palestine", "Palestinians", Country},
		{"Türkiye", "Turkey", Country},
		{"Burma", "Myanmar", Country},
		{"Mosul", "Iraq", City},
	}
	for _, tt := range tests {
		c, k, ok := Lookup(tt.phrase)
		if !ok || c != tt.country || k != tt.kind {
			t.Errorf("Lookup(%q) = %q, %v, %v; want %q, %v", tt.phrase, c, k, ok, tt.country, tt.kind)
		}
	}
	for _, p := range []string{"", "Shi'ite", "officials", "Joint Chiefs"} {
		if c, _, ok := Lookup(p); ok {
			t.Errorf("Lookup(%q) = %q, want no match", p, c)
		}
	}
}

func TestIsCountryAndAdjective(t *testing.T) {
	for _, c := range []string{"North Korea", "South Korea", "United States", "Russia", "Iraq", "Palestinians", "Turkey", "Ivory Coast", "United Kingdom"} {
		if !IsCountry(c) {
			t.Errorf("IsCountry(%q) = false", c)
		}
	}
	for _, c := range []string{"U.S.", "Korea", "Seoul", "Türkiye", ""} {
		if IsCountry(c) {
			t.Errorf("IsCountry(%q) = true", c)
		}
	}
	for c, want := range map[string]string{"South Korea": "South Korean", "United States": "U.S.", "Greece": "Greek", "Philippines": "Philippine", "Iraq": "Iraqi"} {
		if got := Adjective(c); got != want {
			t.Errorf("Adjective(%q) = %q, want %q", c, got, want)
		}
	}
}

var benchText = strings.Repeat(`Around 1,100 North Korean troops have been killed or wounded in Russia's Kursk region, South Korea's Joint Chiefs of Staff said on Monday. `+
	`The estimate, shared with lawmakers in Seoul, follows reports from Ukraine's military intelligence that Pyongyang sent more soldiers. `+
	`Officials in Washington and Kyiv said they could not confirm the figure; the Kremlin declined to comment. `+
	`Police said 12 people died when a bus crashed near Fallujah, west of Baghdad, according to Iraqi health officials. `, 200)

func BenchmarkScan(b *testing.B) {
	load()
	b.SetBytes(int64(len(benchText)))
	b.ResetTimer()
	for b.Loop() {
		Scan(benchText)
	}
	b.ReportMetric(float64(len(benchText))*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}
