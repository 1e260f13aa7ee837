/** French translations of every Docent string (ids as in the components' `translate()` calls). */
const fr: Record<string, string> = {
  'theme.docent.launcher.label': 'Demander à la doc',
  'theme.docent.selection.ask': 'Demander à ce sujet',
  'theme.docent.selection.question': 'Que signifie ce passage ?',
  'theme.docent.panel.title': 'Demander à la doc',
  'theme.docent.panel.clear': 'Effacer',
  'theme.docent.panel.close': 'Fermer la discussion',
  'theme.docent.panel.failed': 'L’assistant n’a pas pu s’ouvrir. Vérifiez votre connexion et réessayez.',
  'theme.docent.panel.footnote':
    'Les réponses viennent de cette documentation et peuvent être incomplètes. Vérifiez les sections citées.',
  'theme.docent.greeting':
    'Posez une question sur cette documentation. Chaque réponse renvoie aux sections dont elle provient.',
  'theme.docent.composer.placeholder': 'Posez une question sur la doc…',
  'theme.docent.composer.send': 'Envoyer',
  'theme.docent.composer.stop': 'Arrêter',
  'theme.docent.answer.thinking': 'Recherche dans la doc…',
  'theme.docent.answer.stopped': 'Arrêté.',
  'theme.docent.step.failed': 'Une recherche de « {input} » a échoué',
  'theme.docent.step.running': 'Recherche de « {input} » dans la doc…',
  'theme.docent.step.read': 'Lu {input} : {found} sections',
  'theme.docent.step.searched': 'Cherché « {input} » : {found} sections',
  'theme.docent.cutOff.length':
    'La réponse a été coupée : le modèle de langue a atteint sa limite de sortie. Réessayez, ou posez une question plus précise.',
  'theme.docent.cutOff.answerBound':
    'La réponse a été coupée à la limite de longueur de l’assistant. Posez une question plus précise pour la suite.',
  'theme.docent.cutOff.stepLimit':
    'La réponse a été coupée : l’assistant a cherché autant de fois qu’il le peut sans finir. Réessayez, ou posez une question plus précise.',
  'theme.docent.cutOff.contentFilter':
    'La réponse a été coupée par le filtre de contenu du modèle de langue.',
  'theme.docent.cutOff.unfinished':
    'La réponse a été coupée : le modèle de langue s’est arrêté avant de la finir. Réessayez.',
  'theme.docent.action.regenerate': 'Régénérer',
  'theme.docent.action.retry': 'Réessayer',
  'theme.docent.action.copy': 'Copier',
  'theme.docent.action.copied': 'Copié',
  'theme.docent.feedback.up': 'Utile',
  'theme.docent.feedback.down': 'Pas utile',
  'theme.docent.feedback.reason': 'Qu’est-ce qui n’allait pas ? (facultatif)',
  'theme.docent.feedback.send': 'Envoyer',
  'theme.docent.feedback.thanks': 'Merci pour votre retour.',
  'theme.docent.feedback.failed':
    'Votre avis n’a pas pu être envoyé. Notez à nouveau la réponse pour réessayer.',
  'theme.docent.sources.label': 'Sources',
  'theme.docent.page.copy': 'Copier la page',
  'theme.docent.page.copied': 'Copiée',
  'theme.docent.page.copyFailed': 'Copie impossible',
  'theme.docent.page.view': 'Voir en Markdown',
  'theme.docent.page.openIn': 'Ouvrir dans {service}',
  'theme.docent.page.openInPrompt': 'Lis {url} pour que je puisse te poser des questions dessus.',
  'theme.docent.error.rateLimited': 'Trop de questions en ce moment. Réessayez dans {seconds} s.',
  'theme.docent.error.unavailable': 'L’assistant est momentanément indisponible.',
  'theme.docent.error.generic': 'Une erreur est survenue ({status}).',
  'theme.docent.error.offline': 'Vous êtes hors ligne. Reconnectez-vous, puis réessayez.',
  'theme.docent.error.unreachable':
    'Impossible de joindre l’assistant. Vérifiez votre connexion et réessayez.',
  'theme.docent.error.interrupted': 'La réponse a été interrompue. Réessayez.',
  'theme.docent.search.button': 'Rechercher',
  'theme.docent.search.buttonLabel': 'Rechercher dans la doc',
  'theme.docent.search.shortcut': 'Ctrl K',
  'theme.docent.search.loading': 'Recherche…',
  'theme.docent.search.noResults': 'Aucune section ne correspond. Demander à la doc ?',
  'theme.docent.search.dialog': 'Rechercher dans la doc',
  'theme.docent.search.input': 'Rechercher',
  'theme.docent.search.placeholder': 'Rechercher dans la doc',
  'theme.docent.search.close': 'Fermer',
  'theme.docent.search.recent': 'Recherches récentes',
  'theme.docent.search.clearRecent': 'Effacer',
  'theme.docent.search.results': 'Résultats',
  'theme.docent.search.ask': 'Demander à la doc : {query}',
  'theme.docent.search.blog': 'Blog',
};

export default fr;
