package web

import "github.com/gin-gonic/gin"

// Drain tells clients to close their connections: from now on every
// response carries "Connection: close". serve calls it at SIGTERM, a moment
// before http.Server.Shutdown. Shutdown closes connections it finds idle,
// and a request a client has just sent on a kept-alive connection, not yet
// read by the server, would be lost with it (the client sees an empty
// reply). Served with "Connection: close" instead, such a request is
// answered in full and the connection ends cleanly after it.
func (s *Server) Drain() { s.draining.Store(true) }

func (s *Server) closeWhenDraining(c *gin.Context) {
	if s.draining.Load() {
		c.Header("Connection", "close")
	}
	c.Next()
}
