package web

// coachRoutes are the pages of the coach's web app. Every route is behind
// cross-origin protection; all but sign-in need a session.
func (s *Server) coachRoutes() {
	web := s.engine.Group("", s.crossOriginProtection())
	web.GET("/login", s.signInPage)
	web.POST("/login", s.signIn)
	web.POST("/logout", s.signOut)

	app := web.Group("", s.requireSession)
	app.GET("/", s.dashboard)
	app.GET("/coaches/new", s.newCoachPage)
	app.POST("/coaches", s.createCoach)
}
