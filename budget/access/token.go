package access

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// TokenPrefix starts every API token, so a secret scanner and a person can
// tell one in a script or a log.
const TokenPrefix = "hbt_"

// NewToken returns a new API token (32 random bytes, base64url, after
// TokenPrefix) and the hash to store. The token itself is shown once and
// never stored.
func NewToken() (token, hash string) {
	token = TokenPrefix + randomString()
	return token, HashSecret(token)
}

// NewSessionID returns a new session identifier for the cookie and the
// hash to store, so a copy of the workspace (a backup) holds no live session.
func NewSessionID() (id, hash string) {
	id = randomString()
	return id, HashSecret(id)
}

// HashSecret is the stored form of a token or session identifier: the hex
// SHA-256. A fast hash is enough for 256 random bits, which no one guesses;
// it lets the store look a secret up by its hash.
func HashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// LooksLikeToken reports whether s has the shape of an API token, so a
// request with a mistyped header is refused without a store lookup.
func LooksLikeToken(s string) bool {
	rest, ok := strings.CutPrefix(s, TokenPrefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

func randomString() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("access: no randomness: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
