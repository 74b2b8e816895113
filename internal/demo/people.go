package demo

import "github.com/rapporthq/rapport/internal/rapport"

// The demo's people: names in several scripts, addresses at example.com
// (reserved, never delivered).

var coach = struct{ Name, Email string }{"Dana Demo", "demo.coach@example.com"}

var leader = rapport.LeaderInput{Name: "Clara Martín Ortega", Email: "clara.martin@example.com",
	Title: "Head of Product", Organization: "Northwind Logistics", Pronoun: rapport.PronounShe}

// person is a rater of the demo's rounds.
type person struct {
	rapport.RaterInput
	leniency float64 // how generously they score, added to the group's base
}

func p(name, email string, rel rapport.Relationship, leniency float64) person {
	return person{rapport.RaterInput{Name: name, Email: email, Relationship: rel}, leniency}
}

var people = []person{
	p("Margarethe Vogel", "margarethe.vogel@example.com", rapport.Superior, 0),
	p("Étienne Moreau", "etienne.moreau@example.com", rapport.Peer, 0.3),
	p("Αλεξάνδρα Παππά", "alexandra.pappa@example.com", rapport.Peer, -0.4),
	p("Jonas Lindqvist", "jonas.lindqvist@example.com", rapport.Peer, 0.1),
	p("Priya Raman", "priya.raman@example.com", rapport.Peer, -0.1),
	p("Олена Коваленко", "olena.kovalenko@example.com", rapport.DirectReport, 0.4),
	p("Tomás Ruiz", "tomas.ruiz@example.com", rapport.DirectReport, -0.3),
	p("Kwame Mensah", "kwame.mensah@example.com", rapport.DirectReport, 0),
	p("Zofia Wiśniewska", "zofia.wisniewska@example.com", rapport.DirectReport, 0.2),
	p("Rafael Costa", "rafael.costa@example.com", rapport.Other, 0.2),
	p("Ingrid Halvorsen", "ingrid.halvorsen@example.com", rapport.Other, -0.2),
	p("Дмитрий Соколов", "dmitri.sokolov@example.com", rapport.Other, 0),
}

// comments by open question key; each rater picks a few.
var comments = map[string][]string{
	"keep": {
		"Keep the weekly one-to-ones: they are the most useful half hour of my week.",
		"Continue à partager le contexte des décisions, ça change tout pour l'équipe.",
		"Συνέχισε να δίνεις χώρο σε όλους να μιλήσουν στις συναντήσεις.",
		"Продолжай так же спокойно держаться в кризисных ситуациях.",
		"Keep championing the customer's view in every planning session.",
	},
	"start": {
		"Start delegating the roadmap reviews; the team is ready for it.",
		"Bitte öfter sagen, was gut gelaufen ist, nicht nur was fehlt.",
		"Empieza a compartir antes las prioridades del trimestre.",
		"Zacznij częściej pytać zespół o zdanie, zanim podejmiesz decyzję.",
	},
	"stop": {
		"Stop answering emails during meetings; it makes people feel unheard.",
		"Arrête de reprendre les sujets délégués quand ils deviennent urgents.",
		"Перестань брать на себя всю работу перед дедлайном.",
	},
	"relationship": {
		"Our disagreements are handled openly and I always know where I stand.",
		"Η συνεργασία μας έχει βελτιωθεί πολύ από την αρχή της χρονιάς.",
		"Sometimes hard to reach when priorities collide between our teams.",
	},
	"healthy": {
		"Results are strong, but the pace before launches is not sustainable.",
		"Clara takes care of the team's energy much better than a year ago.",
		"Tempo jest wysokie, ale zespół czuje się wspierany.",
	},
}
