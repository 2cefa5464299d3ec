package outguard

import (
	"context"
	"os"
)

// Opened is a workspace opened to be checked against, closed after.
type Opened interface {
	Workspace
	Close() error
}

// CheckUnopened is Check for a command that has no workspace open (such
// as generate): file is the workspace's file. When it exists, open opens
// it for reading and path is checked against its imported files too; a
// file that does not open as a workspace has no inputs, but is still not
// written over. It creates nothing.
func CheckUnopened(ctx context.Context, file string, open func(context.Context) (Opened, error), path string, overwrite bool) error {
	if _, err := os.Stat(file); err != nil {
		return Check(ctx, Static{File: file}, path, overwrite)
	}
	ws, err := open(ctx)
	if err != nil {
		return Check(ctx, Static{File: file}, path, overwrite)
	}
	defer ws.Close()
	return Check(ctx, ws, path, overwrite)
}
