package budgetfile

// Test hooks: the in-memory importer and the decimal reference conversion.
var (
	ImportRows         = importRows
	ParseAmountDecimal = parseAmountDecimal
)
