package web

// pageRoutes are the pages of units (tertial form, own letters), the rådmann's office (documents, wheel runs), indicators and the council.
func (a *App) pageRoutes() []Route {
	return nil
}
