package web

// coachRoutes are the pages of the coach's web app. Every route is behind
// cross-origin protection; all but sign-in need a session.
func (s *Server) coachRoutes() {
	web := s.engine.Group("", s.sameOrigin("This request came from another site and was refused. Please go back, reload the page and try again."))
	web.GET("/login", s.signInPage)
	web.POST("/login", s.signIn)
	web.POST("/logout", s.signOut)

	app := web.Group("", s.requireSession)
	app.GET("/", s.dashboard)
	app.GET("/coaches/new", s.newCoachPage)
	app.POST("/coaches", s.createCoach)

	app.GET("/leaders", s.leadersPage)
	app.POST("/leaders", s.createLeaderForm)
	app.GET("/leaders/:id", s.leaderPage)

	app.GET("/rounds/new", s.newRoundPage)
	app.POST("/rounds", s.createRoundForm)
	app.GET("/rounds/:id", s.roundPage)
	app.GET("/rounds/:id/edit", s.editRoundPage)
	app.POST("/rounds/:id/edit", s.updateRoundForm)
	app.GET("/rounds/:id/preview", s.previewPage)
	app.POST("/rounds/:id/raters", s.addRaterForm)
	app.POST("/rounds/:id/raters/import", s.importRatersForm)
	app.POST("/rounds/:id/raters/:rater_id/remove", s.removeRaterForm)
	app.POST("/rounds/:id/launch", s.launchRoundForm)
	app.POST("/rounds/:id/remind", s.remindRoundForm)
	app.POST("/rounds/:id/close", s.closeRoundForm)
	app.POST("/rounds/:id/release", s.releaseRoundForm)
	app.GET("/rounds/:id/report.pdf", s.reportPDF)

	app.GET("/frameworks", s.frameworksPage)
	app.GET("/frameworks/import", s.importFrameworkPage)
	app.POST("/frameworks/import", s.importFrameworkForm)
	app.GET("/frameworks/:key", s.frameworkPage)
	app.GET("/frameworks/:key/export", s.exportFramework)
	app.GET("/frameworks/:key/duplicate", s.duplicateFrameworkPage)
	app.POST("/frameworks/:key/duplicate", s.duplicateFrameworkForm)
	app.GET("/frameworks/:key/edit", s.editFrameworkPage)
	app.POST("/frameworks/:key/edit", s.updateFrameworkForm)
}
