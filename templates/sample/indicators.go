package sample

// The sample's indicator data: its areas with populations (omrader.csv)
// and a full set of equity indicators for 2015-2025 (indikatorer/), as
// files of the kinds a public-health coordinator imports.
//
// The figures are made up, with a social gradient: Nordbyen and
// Elvebakken are the deprived bydeler, Haugen and Vestlia the well-off
// ones. The reference rows (Hele landet, Vestland) are rounded
// approximations for comparison, not official statistics.

import (
	"hash/fnv"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Years are the years the sample covers with indicator values; population
// goes on to 2027, the last year of the økonomiplan.
const (
	FirstYear    = 2015
	LastYear     = 2025
	LastPopYear  = 2027
	landCode     = "0"
	fylkeCode    = "46"
	fylkeName    = "Vestland"
	landName     = "Hele landet"
	childShare   = 0.22 // children 0-17 as a share of the population
	youngShare   = 0.12 // people 18-29
	workingShare = 0.62 // people 20-66
)

// bydel is a bydel of the sample with what drives its figures.
type bydel struct {
	code, name string
	pop2015    int
	growth     float64 // population growth per year
	dep        float64 // deprivation, 0 (best off) to 1 (most deprived)
}

// areaBydeler are the sample's bydeler, in code order, with the codes and
// names of Municipality.
var areaBydeler = func() []bydel {
	drivers := map[string]bydel{
		"Sentrum":    {pop2015: 9800, growth: 0.014, dep: 0.5},
		"Nordbyen":   {pop2015: 12400, growth: 0.011, dep: 1.0},
		"Elvebakken": {pop2015: 11200, growth: 0.009, dep: 0.85},
		"Sjøsiden":   {pop2015: 8600, growth: 0.006, dep: 0.35},
		"Haugen":     {pop2015: 10300, growth: 0.004, dep: 0.0},
		"Vestlia":    {pop2015: 9900, growth: 0.008, dep: 0.2},
	}
	var out []bydel
	for _, b := range Municipality().Bydeler {
		d := drivers[b.Name]
		d.code, d.name = b.Code, b.Name
		out = append(out, d)
	}
	return out
}()

// landPop are Norway's population on 1 January (SSB, rounded to the
// hundred), and a projection for 2026-2027.
var landPop = map[int]int{2015: 5165800, 2016: 5214000, 2017: 5258300, 2018: 5295600, 2019: 5328200,
	2020: 5367600, 2021: 5391400, 2022: 5425300, 2023: 5489000, 2024: 5550200, 2025: 5594300,
	2026: 5630000, 2027: 5665000}

func bydelPop(b bydel, year int) int {
	p := float64(b.pop2015)
	for y := FirstYear; y < year; y++ {
		p *= 1 + b.growth
	}
	return int(p + 0.5)
}

// Areas returns the sample's areas: Hele landet, Vestland, the kommune and
// its six bydeler, each with population 2015-2027.
func Areas() []indicators.Geo {
	land := indicators.Geo{Code: landCode, Name: landName, Level: indicators.Land, Population: map[int]int{}}
	fylke := indicators.Geo{Code: fylkeCode, Name: fylkeName, Level: indicators.Fylke, Parent: landCode, Population: map[int]int{}}
	kommune := indicators.Geo{Code: Number, Name: Name, Level: indicators.Kommune, Parent: fylkeCode, Population: map[int]int{}}
	var bs []indicators.Geo
	for _, b := range areaBydeler {
		g := indicators.Geo{Code: b.code, Name: b.name, Level: indicators.Bydel, Parent: Number, Population: map[int]int{}}
		for y := FirstYear; y <= LastPopYear; y++ {
			g.Population[y] = bydelPop(b, y)
			kommune.Population[y] += g.Population[y]
		}
		bs = append(bs, g)
	}
	for y := FirstYear; y <= LastPopYear; y++ {
		land.Population[y] = landPop[y]
		fylke.Population[y] = 628000 + 2900*(y-FirstYear)
	}
	return append([]indicators.Geo{land, fylke, kommune}, bs...)
}

// noise is a deterministic number in [-1, 1) for its key.
func noise(key ...string) float64 {
	h := fnv.New64a()
	for _, k := range key {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	return float64(h.Sum64()%20000)/10000 - 1
}
