package tagged

import (
	"encoding/binary"
	"math"
	"sync"
)

var (
	iccOnce sync.Once
	iccData []byte
)

// ICCsRGB returns an ICC version 2.1 display profile for sRGB (IEC
// 61966-2-1), built from the standard's published parameters rather than
// copied from a vendor's file: the D50-adapted (Bradford) colorants of the
// sRGB primaries, the D65 media white point, and the sRGB transfer curve
// sampled at 1024 points. The same bytes every time.
func ICCsRGB() []byte {
	iccOnce.Do(func() { iccData = buildICC() })
	return iccData
}

func s15(v float64) uint32 { return uint32(int32(math.Round(v * 65536))) }

func xyzTag(x, y, z float64) []byte {
	b := make([]byte, 20)
	copy(b, "XYZ ")
	binary.BigEndian.PutUint32(b[8:], s15(x))
	binary.BigEndian.PutUint32(b[12:], s15(y))
	binary.BigEndian.PutUint32(b[16:], s15(z))
	return b
}

func buildICC() []byte {
	desc := "sRGB IEC61966-2.1 (helsebudsjett)"
	d := make([]byte, 0, 128)
	d = append(d, "desc\x00\x00\x00\x00"...)
	d = binary.BigEndian.AppendUint32(d, uint32(len(desc)+1))
	d = append(d, desc...)
	d = append(d, 0)
	d = append(d, make([]byte, 4+4+2+1+67)...) // no Unicode and no ScriptCode description
	cprt := append([]byte("text\x00\x00\x00\x00"), "No copyright, use freely\x00"...)

	const n = 1024
	curv := append([]byte("curv\x00\x00\x00\x00"), 0, 0, 0, 0)
	binary.BigEndian.PutUint32(curv[8:], n)
	for i := 0; i < n; i++ {
		v := float64(i) / (n - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		curv = binary.BigEndian.AppendUint16(curv, uint16(math.Round(v*65535)))
	}

	type tag struct {
		sig  string
		data []byte
	}
	tags := []tag{
		{"desc", d},
		{"cprt", cprt},
		{"wtpt", xyzTag(0.9505, 1.0, 1.0891)},
		{"rXYZ", xyzTag(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyzTag(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyzTag(0.1431, 0.0606, 0.7141)},
		{"rTRC", curv},
		{"gTRC", curv},
		{"bTRC", curv},
	}
	table := make([]byte, 4, 4+12*len(tags))
	binary.BigEndian.PutUint32(table, uint32(len(tags)))
	var data []byte
	at := map[string]uint32{} // the three curves share their data
	for _, t := range tags {
		key := string(t.data)
		off, ok := at[key]
		if !ok {
			for len(data)%4 != 0 {
				data = append(data, 0)
			}
			off = uint32(128 + cap(table) + len(data))
			at[key] = off
			data = append(data, t.data...)
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, off)
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}
	for len(data)%4 != 0 {
		data = append(data, 0)
	}

	h := make([]byte, 128)
	size := 128 + len(table) + len(data)
	binary.BigEndian.PutUint32(h[0:], uint32(size))
	binary.BigEndian.PutUint32(h[8:], 0x02100000) // version 2.1
	copy(h[12:], "mntr")
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ")
	for i, v := range []uint16{1998, 2, 9, 6, 49, 0} { // the date of IEC 61966-2-1's reference profile
		binary.BigEndian.PutUint16(h[24+2*i:], v)
	}
	copy(h[36:], "acsp")
	binary.BigEndian.PutUint32(h[64:], 0) // perceptual
	binary.BigEndian.PutUint32(h[68:], s15(0.9642))
	binary.BigEndian.PutUint32(h[72:], s15(1.0))
	binary.BigEndian.PutUint32(h[76:], s15(0.8249))
	out := append(h, table...)
	return append(out, data...)
}
