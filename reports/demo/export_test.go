package demo

// Internals the external tests call.
var (
	ClaimDir             = claimDir
	ImportTertialReports = importTertialReports
)
