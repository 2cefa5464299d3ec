package web

// apiRoutes are the JSON API under /api/v1, with the CLI's --json shapes.
func (a *App) apiRoutes() []Route {
	return nil
}
