package access

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Password length limits. The upper one bounds the hashing work a request
// can ask for.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 1024
)

// Argon2Params are argon2id's cost parameters.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultArgon2 is RFC 9106's second recommended option (64 MiB, 3 passes),
// with 2 lanes for a small server.
var DefaultArgon2 = Argon2Params{Memory: 64 * 1024, Time: 3, Threads: 2}

// CheckPassword refuses a password that is too short or too long or not
// valid UTF-8. The message never repeats the password.
func CheckPassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case !utf8.ValidString(pw):
		return budget.Errorf(budget.EINVALID, "the password is not valid UTF-8 text")
	case n < MinPasswordLen:
		return budget.Errorf(budget.EINVALID, "the password has %d characters: give at least %d", n, MinPasswordLen)
	case len(pw) > MaxPasswordLen:
		return budget.Errorf(budget.EINVALID, "the password is longer than %d bytes", MaxPasswordLen)
	}
	return nil
}

// HashPassword returns pw hashed with argon2id and a random 16-byte salt,
// in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash) that
// records its parameters, so stronger defaults later still verify old hashes.
func HashPassword(pw string, p Argon2Params) (string, error) {
	if err := CheckPassword(pw); err != nil {
		return "", err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the encoded hash, comparing in
// constant time. A malformed hash never matches.
func VerifyPassword(encoded, pw string) bool {
	if len(pw) > MaxPasswordLen {
		return false
	}
	p, salt, key, ok := parseHash(encoded)
	if !ok {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is verified against when the user does not exist, so a login
// for an unknown name takes as long as one with a wrong password. It is
// made on first use, not at start, so commands that never verify do not
// pay for it.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("not a password, only for timing", DefaultArgon2)
	if err != nil {
		panic(err)
	}
	return h
})

// VerifyNobody spends the time VerifyPassword would and returns false: call
// it when there is no such user, so timing does not tell who exists.
func VerifyNobody(pw string) bool {
	VerifyPassword(dummyHash(), pw)
	return false
}

func parseHash(s string) (p Argon2Params, salt, key []byte, ok bool) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, false
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory < 8 || p.Memory > 1<<21 || p.Time < 1 || p.Time > 16 || p.Threads < 1 {
		return p, nil, nil, false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	key, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return p, nil, nil, false
	}
	return p, salt, key, true
}
