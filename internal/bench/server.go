package bench

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Process is a real `rapport serve` started from a freshly built binary.
type Process struct {
	URL string
	cmd *exec.Cmd
}

// binary is cmd/rapport as Binary built it for this test process.
var binary struct {
	once      sync.Once
	dir, path string
	err       error
}

// Binary builds cmd/rapport once per test process (go test runs each
// package in its own) for the tests that start the real server, and
// returns its path. The package's TestMain calls RemoveBinary.
func Binary(repoRoot string) (string, error) {
	binary.once.Do(func() {
		if binary.dir, binary.err = os.MkdirTemp("", "rapport-bin-"); binary.err == nil {
			binary.path, binary.err = BuildBinary(repoRoot, binary.dir)
		}
	})
	return binary.path, binary.err
}

// RemoveBinary deletes what Binary built.
func RemoveBinary() {
	if binary.dir != "" {
		os.RemoveAll(binary.dir)
	}
}

// BuildBinary builds cmd/rapport into dir and returns its path.
func BuildBinary(repoRoot, dir string) (string, error) {
	bin := filepath.Join(dir, "rapport")
	cmd := exec.Command("go", "build", "-tags", "nomsgpack", "-o", bin, "./cmd/rapport")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build: %v\n%s", err, out)
	}
	return bin, nil
}

// FreeAddr returns a loopback address with a free port.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Start runs `bin serve` on dataDir with env added, and waits until /readyz answers.
func Start(bin, dataDir string, env ...string) (*Process, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "RAPPORT_ADDR="+addr, "RAPPORT_DATA_DIR="+dataDir,
		"RAPPORT_BASE_URL=http://"+addr, "RAPPORT_LOG_FORMAT=json")
	cmd.Env = append(cmd.Env, env...)
	logFile, err := os.Create(filepath.Join(dataDir, "server.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{URL: "http://" + addr, cmd: cmd}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(p.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.Kill()
	return nil, fmt.Errorf("server did not become ready; see %s", logFile.Name())
}

// PID is the server's process id.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// Kill ends the server at once (SIGKILL), as a crash would.
func (p *Process) Kill() {
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

// Stop sends SIGTERM, as a service manager does, and waits for the server
// to exit; the error is its exit status.
func (p *Process) Stop() error {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	return p.cmd.Wait()
}

// PeakRSS is the server's peak resident memory (VmHWM) in MiB.
func (p *Process) PeakRSS() (float64, error) {
	return statusKB(p.PID(), "VmHWM:")
}

// CPUSeconds is the CPU time (user and system) the server has used so far.
func (p *Process) CPUSeconds() (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.PID()))
	if err != nil {
		return 0, err
	}
	// The fields after the command name (in parentheses, which may hold
	// spaces): utime and stime are the 12th and 13th, in clock ticks.
	_, rest, ok := strings.Cut(string(b), ") ")
	fields := strings.Fields(rest)
	if !ok || len(fields) < 13 {
		return 0, fmt.Errorf("bench: unexpected /proc/%d/stat", p.PID())
	}
	utime, err1 := strconv.ParseFloat(fields[11], 64)
	stime, err2 := strconv.ParseFloat(fields[12], 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bench: unexpected /proc/%d/stat", p.PID())
	}
	return (utime + stime) / 100, nil // USER_HZ is 100 on Linux
}

func statusKB(pid int, field string) (float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("%s not in /proc/%d/status", field, pid)
}
