package indicators

// Role is what an area is to the municipality.
type Role string

// The roles, as areas list shows them.
const (
	RoleHome       Role = "home"       // the municipality's own kommune (or bydel)
	RoleOwn        Role = "own"        // an area inside it: bydel, delbydel, levekårssone
	RoleComparison Role = "comparison" // another kommune or bydel, kept for comparison
	RoleReference  Role = "reference"  // the country or a county
)

// AreaRoles gives each of geos its role, given the home area's code ("" when
// none is chosen: then no area is home or own, and kommuner and their
// parts are comparison areas). An area is own when its chain of parents
// reaches home.
func AreaRoles(geos []Geo, home string) map[string]Role {
	parent := map[string]string{}
	for _, g := range geos {
		parent[g.Code] = g.Parent
	}
	under := func(code string) bool {
		for i := 0; i < 10 && code != ""; i++ {
			if code = parent[code]; code == home {
				return true
			}
		}
		return false
	}
	out := make(map[string]Role, len(geos))
	for _, g := range geos {
		switch {
		case home != "" && g.Code == home:
			out[g.Code] = RoleHome
		case g.Level.Reference():
			out[g.Code] = RoleReference
		case home != "" && under(g.Code):
			out[g.Code] = RoleOwn
		default:
			out[g.Code] = RoleComparison
		}
	}
	return out
}
