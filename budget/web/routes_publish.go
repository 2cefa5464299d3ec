package web

// publishRoutes are the published annual report as a web page.
func (a *App) publishRoutes() []Route {
	return nil
}
