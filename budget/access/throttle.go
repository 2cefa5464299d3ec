package access

import (
	"sync"
	"time"
)

// Throttle counts failed sign-ins per key (an account name, an address)
// and blocks a key after Max failures within Window, until the oldest of
// them leaves the window. It is safe for concurrent use and keeps at most
// maxKeys keys, forgetting the stalest when full, so a flood of made-up
// names cannot grow it without bound.
type Throttle struct {
	Max    int
	Window time.Duration

	mu    sync.Mutex
	fails map[string][]time.Time
}

const maxKeys = 100_000

// Blocked reports whether key may not try now.
func (t *Throttle) Blocked(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.recent(key, now)) >= t.Max
}

// Fail records a failed attempt for key at now.
func (t *Throttle) Fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fails == nil {
		t.fails = map[string][]time.Time{}
	}
	if len(t.fails) >= maxKeys {
		t.prune(now)
	}
	t.fails[key] = append(t.recent(key, now), now)
}

// Reset forgets key's failures (after a successful sign-in).
func (t *Throttle) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

func (t *Throttle) recent(key string, now time.Time) []time.Time {
	ts := t.fails[key]
	i := 0
	for i < len(ts) && !ts[i].After(now.Add(-t.Window)) {
		i++
	}
	return ts[i:]
}

// prune drops keys with no failure in the window, and when that is not
// enough, all of them: an attacker who fills the table gains at most one
// fresh window, still limited per address by the caller's second throttle.
func (t *Throttle) prune(now time.Time) {
	for k := range t.fails {
		if len(t.recent(k, now)) == 0 {
			delete(t.fails, k)
		}
	}
	if len(t.fails) >= maxKeys {
		clear(t.fails)
	}
}
