package web

// routes lists every route in one place. Each route group picks once how
// its failures are answered (answeredBy, see respond.go): JSON for the
// coach's API and the rater's survey API, pages for the rater's and the
// leader's links and for the coach's app.
func (s *Server) routes() {
	e := s.engine
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noRoute)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	e.GET(staticPrefix+"*path", s.serveStatic)
	// Browsers ask for these at the root whatever the page links.
	e.GET("/favicon.ico", s.serveStaticFile("icons/favicon.ico"))
	e.GET("/apple-touch-icon.png", s.serveStaticFile("icons/apple-touch-icon.png"))

	// Links in emails to raters and leaders (no login; the token is the key):
	// unsubscribe, and the leader's released report.
	links := e.Group("", answeredBy(answerPage), privateHeaders)
	links.GET("/u/:token", s.unsubscribePage)
	links.POST("/u/:token", s.unsubscribe)
	links.GET("/r/:token", s.leaderReport)
	links.GET("/r/:token/report.pdf", s.leaderReportPDF)

	// The leader's nomination link: propose raters, as a page
	// and as JSON. Writes find the link in their own transaction.
	links.GET("/n/:token", s.nominationPage)
	links.POST("/n/:token", s.sameOrigin("This form can only be sent from its own page. Please open your nomination link again."), s.nominationPost)
	nominationAPI := e.Group("/api/v1/nomination/:token", answeredBy(answerJSON), privateHeaders)
	nominationAPI.GET("", s.apiGetNomination)
	nominationAPI.PUT("", s.apiSaveNomination)
	nominationAPI.POST("/submit", s.apiSubmitNomination)

	// The rater's survey: the link's token is the only credential.
	survey := e.Group("/s/:token", answeredBy(answerPage), privateHeaders, s.surveyLink)
	survey.GET("", s.surveyPage)
	survey.POST("", s.sameOrigin("This form can only be sent from its own page. Please open your survey link again."), s.surveyPost)

	// The rater's survey as JSON. Writes find the link in their own
	// transaction (surveyWriteLink).
	surveyAPI := e.Group("/api/v1/survey/:token", answeredBy(answerSurveyJSON), privateHeaders)
	surveyAPI.GET("", s.surveyLink, s.apiGetSurvey)
	surveyAPI.PUT("", s.surveyWriteLink, s.apiSaveSurvey)
	surveyAPI.POST("/submit", s.surveyWriteLink, s.apiSubmitSurvey)
	surveyAPI.POST("/decline", s.surveyWriteLink, s.apiDeclineSurvey)

	// The coach's JSON API.
	api := e.Group("/api/v1", answeredBy(answerJSON))
	api.POST("/tokens", s.createToken)

	coach := api.Group("", s.requireAPIToken)
	coach.POST("/leaders", s.createLeader)
	coach.GET("/leaders", s.listLeaders)
	coach.GET("/leaders/:id", s.getLeader)
	coach.PATCH("/leaders/:id", s.updateLeader)
	// Erasure and export of a leader's data; export of all of them.
	coach.DELETE("/leaders/:id", s.eraseLeader)
	coach.GET("/leaders/:id/export", s.exportLeader)
	coach.GET("/export", s.exportAll)

	coach.GET("/frameworks", s.listFrameworks)
	coach.GET("/frameworks/:key", s.getFramework)
	coach.POST("/frameworks", s.createFramework)

	coach.GET("/settings", s.getSettings)
	coach.PUT("/settings", s.updateSettings)

	coach.POST("/rounds", s.createRound)
	coach.GET("/rounds", s.listRounds)
	coach.GET("/rounds/:id", s.getRound)
	coach.POST("/rounds/:id/launch", s.launchRound)
	coach.POST("/rounds/:id/close", s.closeRound)
	coach.POST("/rounds/:id/remind", s.remindRound)
	coach.GET("/rounds/:id/summary", s.getSummary)
	coach.GET("/rounds/:id/report.pdf", s.getReportPDF)
	coach.POST("/rounds/:id/release", s.releaseRound)
	coach.POST("/rounds/:id/raters", s.addRater)
	coach.DELETE("/rounds/:id/raters/:rater_id", s.removeRater)
	// The leader nominates, the coach decides.
	coach.POST("/rounds/:id/nomination", s.sendNomination)
	coach.POST("/rounds/:id/raters/:rater_id/approve", s.approveRater)
	// Edit and delete drafts, copy and import raters.
	coach.PATCH("/rounds/:id", s.updateRound)
	coach.DELETE("/rounds/:id", s.deleteRound)
	coach.POST("/rounds/:id/raters/copy", s.copyRaters)
	coach.POST("/rounds/:id/raters/import", s.importRaters)

	// The coach's audit trail (newest first, paged by ?before=).
	coach.GET("/audit", s.getAudit)

	// The pages of the coach's app. Every route is behind cross-origin
	// protection; all but sign-in need a session.
	web := e.Group("", answeredBy(answerPage),
		s.sameOrigin("This request came from another site and was refused. Please go back, reload the page and try again."))
	web.GET("/login", s.signInPage)
	web.POST("/login", s.signIn)
	web.POST("/logout", s.signOut)

	app := web.Group("", s.requireSession)
	app.GET("/", s.dashboard)
	app.GET("/coaches/new", s.newCoachPage)
	app.POST("/coaches", s.createCoach)
	app.GET("/settings", s.settingsPage)
	app.POST("/settings", s.updateSettingsForm)

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
	app.POST("/rounds/:id/nomination", s.sendNominationForm)
	app.POST("/rounds/:id/raters/:rater_id/approve", s.approveRaterForm)
	app.POST("/rounds/:id/launch", s.launchRoundForm)
	app.POST("/rounds/:id/remind", s.remindRoundForm)
	app.POST("/rounds/:id/close", s.closeRoundForm)
	app.POST("/rounds/:id/release", s.releaseRoundForm)
	app.GET("/rounds/:id/report.pdf", s.reportPDF)
	app.GET("/rounds/:id/report", s.coachReportPage)

	// Edit a leader; copy raters, delete a draft; a reload of a
	// refused form's URL goes back to the round page.
	app.GET("/leaders/:id/edit", s.editLeaderPage)
	app.POST("/leaders/:id/edit", s.updateLeaderForm)
	app.POST("/leaders/:id/erase", s.eraseLeaderForm)
	app.GET("/leaders/:id/erase", s.backToLeader)
	// A download of a coach's data: only from their own pages.
	exportFromHere := s.sameOriginDownload("This export was started from another site and was refused. " +
		"Please use the Export button on your Rapport page.")
	app.GET("/leaders/:id/export", exportFromHere, s.exportLeader)
	app.GET("/export", exportFromHere, s.exportAll)
	app.POST("/rounds/:id/raters/copy", s.copyRatersForm)
	app.POST("/rounds/:id/delete", s.deleteRoundForm)
	app.GET("/rounds/:id/raters", s.backToRound("#add-title"))
	app.GET("/rounds/:id/raters/import", s.backToRound("#import-title"))

	app.GET("/frameworks", s.frameworksPage)
	app.GET("/frameworks/import", s.importFrameworkPage)
	app.POST("/frameworks/import", s.importFrameworkForm)
	app.GET("/frameworks/:key", s.frameworkPage)
	app.GET("/frameworks/:key/export", s.exportFramework)
	app.GET("/frameworks/:key/duplicate", s.duplicateFrameworkPage)
	app.POST("/frameworks/:key/duplicate", s.duplicateFrameworkForm)
	app.GET("/frameworks/:key/edit", s.editFrameworkPage)
	app.POST("/frameworks/:key/edit", s.updateFrameworkForm)

	app.GET("/audit", s.auditPageView)
}
