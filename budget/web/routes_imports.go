package web

// importRoutes are the import pages: upload, dry-run preview and confirm for every kind of file, and the finance tables.
func (a *App) importRoutes() []Route {
	return nil
}
