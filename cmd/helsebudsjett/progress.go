package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress draws a bar on stderr for imports that run over a second, and
// only when stderr is a terminal, so logs and pipes stay clean.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	enabled bool
	start   time.Time
	last    time.Time
	drawn   bool
}

func newProgress(e *env) *progress {
	return &progress{w: e.stderr, enabled: e.isatty, start: time.Now()}
}

func (p *progress) update(done, total int64) {
	if !p.enabled || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	frac := float64(done) / float64(total) // display only: no money here
	if frac > 1 {
		frac = 1
	}
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %s/%s", strings.Repeat("#", n), strings.Repeat(" ", width-n),
		frac*100, mib(done), mib(total))
	p.drawn = true
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
