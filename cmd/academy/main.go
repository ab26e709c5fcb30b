// Command academy runs the Academy server and its administration commands.
package main

import (
	"os"

	"github.com/academy-platform/academy/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], app.Env{Stdout: os.Stdout, Stderr: os.Stderr}))
}
