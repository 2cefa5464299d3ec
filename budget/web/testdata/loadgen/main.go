// Command loadgen drives an HTTP server from a separate process for the
// load test in package web: c workers GET the given paths in turn until the
// duration or the request budget runs out, then one JSON line with the
// request count, errors, requests per second and latency percentiles is
// printed. It refuses any host but a loopback address.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type result struct {
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Seconds  float64 `json:"seconds"`
	RPS      float64 `json:"rps"`
	P50ms    float64 `json:"p50_ms"`
	P90ms    float64 `json:"p90_ms"`
	P99ms    float64 `json:"p99_ms"`
	Maxms    float64 `json:"max_ms"`
}

func main() {
	base := flag.String("url", "", "base URL, http://127.0.0.1:PORT")
	paths := flag.String("paths", "/", "comma-separated paths")
	conc := flag.Int("c", 8, "concurrent workers")
	dur := flag.Duration("d", 3*time.Second, "duration (at most 10s)")
	maxReq := flag.Int64("n", 200000, "at most this many requests")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || u.Hostname() == "" {
		fail("bad -url")
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		fail("only loopback addresses")
	}
	if *dur > 10*time.Second {
		*dur = 10 * time.Second
	}
	ps := strings.Split(*paths, ",")
	tr := &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc}
	client := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	var issued, errs atomic.Int64
	lat := make([][]time.Duration, *conc)
	stop := time.Now().Add(*dur)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(stop); i++ {
				if issued.Add(1) > *maxReq {
					return
				}
				t0 := time.Now()
				resp, err := client.Get(*base + ps[(w+i)%len(ps)])
				if err != nil {
					errs.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs.Add(1)
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000
	}
	r := result{Requests: len(all), Errors: int(errs.Load()), Seconds: elapsed, RPS: float64(len(all)) / elapsed,
		P50ms: pct(.50), P90ms: pct(.90), P99ms: pct(.99), Maxms: pct(1)}
	_ = json.NewEncoder(os.Stdout).Encode(r)
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "loadgen:", msg)
	os.Exit(2)
}
