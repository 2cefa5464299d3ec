// Package archtest holds no code: its test reads every package's imports
// and fails when one points the wrong way (see README, Architecture).
package archtest
