package budget

import (
	"errors"
	"fmt"
)

// Error codes. The CLI turns them into exit codes once, at its edge.
const (
	EINVALID  = "invalid"  // the user's input is wrong; nothing was changed
	ENOTFOUND = "notfound" // the thing asked for does not exist
	ECONFLICT = "conflict" // the request clashes with what is stored
	EMISSING  = "missing"  // the input does not say what the caller must then give (an option); the CLI exits 2
	EINTERNAL = "internal" // anything else: I/O, bugs
)

// Error is an error meant for the user: Message says what went wrong and,
// where it can, what to do next.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain,
// meant for the user, and "internal error" for any other error, whose text
// may hold paths or SQL that a user of the web application must not see.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
