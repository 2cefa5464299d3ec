package access

import "time"

// Session is a signed-in browser, kept on the server. The cookie holds the
// identifier; the store keeps only its hash.
type Session struct {
	Hash     string
	UserID   int64
	Created  time.Time
	LastSeen time.Time
	Addr     string // the address it signed in from
}

// Lifetimes bounds a session: Idle after the last request, Absolute after
// sign-in, whatever the activity.
type Lifetimes struct {
	Idle     time.Duration
	Absolute time.Duration
}

// DefaultLifetimes: half an hour idle, a working day absolute.
var DefaultLifetimes = Lifetimes{Idle: 30 * time.Minute, Absolute: 10 * time.Hour}

// Live reports whether s is still valid at now.
func (l Lifetimes) Live(s Session, now time.Time) bool {
	return now.Before(s.LastSeen.Add(l.Idle)) && now.Before(s.Created.Add(l.Absolute)) && !now.Before(s.Created)
}
