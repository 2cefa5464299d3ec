package archtest_test

import "testing"

// storeFree are the services that take the store through interfaces they
// declare (budget/sqlite's tests check that the store has them), so that
// a second store serves them unchanged: none imports budget/sqlite.
var storeFree = map[string]bool{
	"budget/importer":            true,
	"indicators/indicatorimport": true,
	"budget/measureimport":       true,
}

// TestImportDirection_storeFreeExist keeps the rule from going quiet: a
// service renamed or moved would otherwise leave a name that matches no
// package.
func TestImportDirection_storeFreeExist(t *testing.T) {
	all := imports(t)
	for dir := range storeFree {
		if _, ok := all[dir]; !ok {
			t.Errorf("storeFree names %s, which is no package of the module", dir)
		}
	}
}
