<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New account</source>
        <extracomment>Territories Babel names that are not countries (regions, unions, test codes). The account was saved: the `Account` as stored.</extracomment>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>Modifier {name}</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Choose a country</source>
        <translation>Choisissez un pays</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation>P&amp;ublic :</translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation>&amp;Pays :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>&amp;Postcode, city:</source>
        <translation>&amp;Code postal, ville :</translation>
    </message>
    <message>
        <source>&amp;VAT number:</source>
        <translation>Numéro de &amp;TVA :</translation>
    </message>
    <message>
        <source>Billing &amp;e-mail:</source>
        <translation>&amp;E-mail de facturation :</translation>
    </message>
    <message>
        <source>&amp;Buyer reference:</source>
        <translation>&amp;Référence acheteur :</translation>
    </message>
    <message>
        <source>Purchase &amp;order:</source>
        <translation>&amp;Bon de commande :</translation>
    </message>
    <message>
        <source>The address, VAT number, buyer reference and purchase order number are printed on the account&apos;s invoices.</source>
        <translation>L’adresse, le numéro de TVA, la référence acheteur et le numéro de bon de commande figurent sur les factures du compte.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>language {code}</source>
        <translation>langue {code}</translation>
    </message>
    <message>
        <source>VAT {number}</source>
        <translation>TVA {number}</translation>
    </message>
    <message>
        <source>buyer reference {reference}</source>
        <translation>référence acheteur {reference}</translation>
    </message>
    <message>
        <source>purchase order {number}</source>
        <translation>bon de commande {number}</translation>
    </message>
    <message>
        <source>Archived on {day}: it takes no new user, purchase or payment method.</source>
        <translation>Archivé le {day} : il n’accepte plus de nouvel utilisateur, d’achat ni de moyen de paiement.</translation>
    </message>
    <message>
        <source>No subscription.</source>
        <translation>Aucun abonnement.</translation>
    </message>
    <message>
        <source>{Cycle} subscription, {status}</source>
        <translation>Abonnement {cycle}, {status}</translation>
    </message>
    <message>
        <source>; current period {start} – {end} (renews)</source>
        <translation> ; période en cours du {start} au {end} (renouvelée)</translation>
    </message>
    <message>
        <source>; current period {start} – {end} (ends)</source>
        <translation> ; période en cours du {start} au {end} (se termine)</translation>
    </message>
    <message>
        <source>Add-ons: {addons}.</source>
        <translation>Options : {addons}.</translation>
    </message>
    <message>
        <source>No payment method.</source>
        <translation>Aucun moyen de paiement.</translation>
    </message>
    <message>
        <source>bank transfer</source>
        <translation>virement bancaire</translation>
    </message>
    <message>
        <source>{brand} card ending {last4}, expires {month:02d}/{year}</source>
        <translation>carte {brand} se terminant par {last4}, expire le {month:02d}/{year}</translation>
    </message>
    <message>
        <source>Pays by {methods}.</source>
        <translation>Paie par {methods}.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>Accounts</source>
        <extracomment>What other modules take from here (the summaries live with the panel).</extracomment>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Customer accounts and the seats they bought.</source>
        <translation>Les comptes clients et les sièges qu’ils ont achetés.</translation>
    </message>
    <message>
        <source>{role}s may not manage accounts.</source>
        <translation>Le rôle {role} ne permet pas de gérer les comptes.</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Nouveau compte…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archiver…</translation>
    </message>
    <message>
        <source>No customer account yet</source>
        <translation>Aucun compte client pour l’instant</translation>
    </message>
    <message>
        <source>Start with one: its name, whether it is a company, a maker or a student, and its country. Then record how it pays, what it buys and who uses it.</source>
        <translation>Commencez par en créer un : son nom, son type (entreprise, maker ou étudiant) et son pays. Enregistrez ensuite comment il paie, ce qu’il achète et qui l’utilise.</translation>
    </message>
    <message>
        <source>An Administrator creates them.</source>
        <translation>C’est un administrateur qui les crée.</translation>
    </message>
    <message>
        <source>Account {name} saved.</source>
        <translation>Compte {name} enregistré.</translation>
    </message>
    <message>
        <source>{method} recorded.</source>
        <translation>Moyen de paiement enregistré : {method}.</translation>
    </message>
    <message>
        <source>Remove a payment method</source>
        <translation>Supprimer un moyen de paiement</translation>
    </message>
    <message>
        <source>Remove “{method}” from {name}?</source>
        <translation>Supprimer « {method} » de {name} ?</translation>
    </message>
    <message>
        <source>{method} removed.</source>
        <translation>Moyen de paiement supprimé : {method}.</translation>
    </message>
    <message>
        <source>The payment method was not removed</source>
        <translation>Le moyen de paiement n’a pas été supprimé</translation>
    </message>
    <message>
        <source>Archive an account</source>
        <translation>Archiver un compte</translation>
    </message>
    <message>
        <source>Archive {name}?</source>
        <translation>Archiver {name} ?</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <source>Account {name} archived.</source>
        <translation>Compte {name} archivé.</translation>
    </message>
    <message>
        <source>The account was not archived</source>
        <translation>Le compte n’a pas été archivé</translation>
    </message>
    <message>
        <source>An archived account takes no new user, purchase or payment method; its users, subscriptions and invoices stay readable. Nothing may run or be owed: no subscription in force, no open invoice.</source>
        <translation>Un compte archivé n’accepte plus de nouvel utilisateur, d’achat ni de moyen de paiement ; ses utilisateurs, abonnements et factures restent consultables. Rien ne doit être en cours ni dû : aucun abonnement en vigueur, aucune facture ouverte.</translation>
    </message>
    <message>
        <source>Select an account.</source>
        <translation>Choisissez un compte.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Remplacer…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Payment methods</source>
        <translation>Moyens de paiement</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Sièges</translation>
    </message>
    <message>
        <source>Amber: {share} % or more of the seats in use; red: more users than seats bought.</source>
        <translation>Orange : {share} % des sièges ou plus sont utilisés ; rouge : plus d’utilisateurs que de sièges achetés.</translation>
    </message>
    <message>
        <source>The account could not be loaded</source>
        <translation>Le compte n’a pas pu être chargé</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>Account archived</source>
        <translation>Compte archivé</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Compte créé</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>Compte modifié</translation>
    </message>
    <message>
        <source>Account&apos;s personal data purged</source>
        <translation>Données personnelles du compte purgées</translation>
    </message>
    <message>
        <source>Add-on added to the catalog</source>
        <translation>Option ajoutée au catalogue</translation>
    </message>
    <message>
        <source>Add-on price changed</source>
        <translation>Prix d’une option modifié</translation>
    </message>
    <message>
        <source>Assignment rules changed</source>
        <translation>Règles d’attribution modifiées</translation>
    </message>
    <message>
        <source>Scheduled change cancelled</source>
        <translation>Modification prévue annulée</translation>
    </message>
    <message>
        <source>Credit note issued</source>
        <translation>Avoir émis</translation>
    </message>
    <message>
        <source>Database backed up</source>
        <translation>Base de données sauvegardée</translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation>Base de données restaurée</translation>
    </message>
    <message>
        <source>Invoice issued</source>
        <translation>Facture émise</translation>
    </message>
    <message>
        <source>Payment recorded</source>
        <translation>Paiement enregistré</translation>
    </message>
    <message>
        <source>Operator added</source>
        <translation>Opérateur ajouté</translation>
    </message>
    <message>
        <source>Operator changed</source>
        <translation>Opérateur modifié</translation>
    </message>
    <message>
        <source>Operator&apos;s role changed</source>
        <translation>Rôle de l’opérateur modifié</translation>
    </message>
    <message>
        <source>Operator enabled</source>
        <translation>Opérateur activé</translation>
    </message>
    <message>
        <source>Operator disabled</source>
        <translation>Opérateur désactivé</translation>
    </message>
    <message>
        <source>Operator&apos;s password reset</source>
        <translation>Mot de passe de l’opérateur réinitialisé</translation>
    </message>
    <message>
        <source>Payment method added</source>
        <translation>Moyen de paiement ajouté</translation>
    </message>
    <message>
        <source>Payment method removed</source>
        <translation>Moyen de paiement supprimé</translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation>Carte remplacée</translation>
    </message>
    <message>
        <source>Quote accepted</source>
        <translation>Devis accepté</translation>
    </message>
    <message>
        <source>Quote made</source>
        <translation>Devis établi</translation>
    </message>
    <message>
        <source>Quote rejected</source>
        <translation>Devis refusé</translation>
    </message>
    <message>
        <source>Quote requested (contact-only country)</source>
        <translation>Devis demandé (pays sur contact uniquement)</translation>
    </message>
    <message>
        <source>Role added to the catalog</source>
        <translation>Rôle ajouté au catalogue</translation>
    </message>
    <message>
        <source>Role price changed</source>
        <translation>Prix d’un rôle modifié</translation>
    </message>
    <message>
        <source>Seller&apos;s details changed</source>
        <translation>Coordonnées du vendeur modifiées</translation>
    </message>
    <message>
        <source>Subscription billed by the run</source>
        <translation>Abonnement facturé lors de la facturation</translation>
    </message>
    <message>
        <source>Subscription cancelled</source>
        <translation>Abonnement résilié</translation>
    </message>
    <message>
        <source>Subscription changed</source>
        <translation>Abonnement modifié</translation>
    </message>
    <message>
        <source>Subscription recorded</source>
        <translation>Abonnement enregistré</translation>
    </message>
    <message>
        <source>Subscription bought</source>
        <translation>Abonnement acheté</translation>
    </message>
    <message>
        <source>Trial started</source>
        <translation>Essai commencé</translation>
    </message>
    <message>
        <source>Trial became paid</source>
        <translation>Essai devenu payant</translation>
    </message>
    <message>
        <source>Sync settings changed</source>
        <translation>Réglages de synchronisation modifiés</translation>
    </message>
    <message>
        <source>Platform&apos;s change kept over ours</source>
        <translation>Modification de la plateforme conservée au lieu de la nôtre</translation>
    </message>
    <message>
        <source>User arrived from the platform</source>
        <translation>Utilisateur venu de la plateforme</translation>
    </message>
    <message>
        <source>Platform&apos;s value overwritten</source>
        <translation>Valeur de la plateforme écrasée</translation>
    </message>
    <message>
        <source>Platform read</source>
        <translation>Plateforme lue</translation>
    </message>
    <message>
        <source>User changed on the platform</source>
        <translation>Utilisateur modifié sur la plateforme</translation>
    </message>
    <message>
        <source>Users sent to the platform</source>
        <translation>Utilisateurs envoyés à la plateforme</translation>
    </message>
    <message>
        <source>User removed on the platform</source>
        <translation>Utilisateur supprimé sur la plateforme</translation>
    </message>
    <message>
        <source>Role given</source>
        <translation>Rôle attribué</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>Utilisateur ajouté</translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation>Utilisateur désactivé</translation>
    </message>
    <message>
        <source>User disabled: fewer seats at renewal</source>
        <translation>Utilisateur désactivé : moins de sièges au renouvellement</translation>
    </message>
    <message>
        <source>User enabled</source>
        <translation>Utilisateur activé</translation>
    </message>
    <message>
        <source>Users imported</source>
        <translation>Utilisateurs importés</translation>
    </message>
    <message>
        <source>User removed</source>
        <translation>Utilisateur supprimé</translation>
    </message>
    <message>
        <source>Role taken away</source>
        <translation>Rôle retiré</translation>
    </message>
    <message>
        <source>User changed</source>
        <translation>Utilisateur modifié</translation>
    </message>
    <message>
        <source>account</source>
        <extracomment>Record kind (the trail&apos;s `entity`) -&gt; its name, singular.</extracomment>
        <translation>compte</translation>
    </message>
    <message>
        <source>add-on</source>
        <translation>option</translation>
    </message>
    <message>
        <source>database</source>
        <translation>base de données</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>facture</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>opérateur</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>devis</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rôle</translation>
    </message>
    <message>
        <source>seller</source>
        <translation>vendeur</translation>
    </message>
    <message>
        <source>subscription</source>
        <translation>abonnement</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit trail</source>
        <extracomment>Entries read at a time (&quot;Show older&quot; reads the next ones).</extracomment>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <source>Every change, who made it and when, newest first.</source>
        <translation>Chaque modification, son auteur et sa date, la plus récente d’abord.</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Afficher les plus anciennes</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Your role ({role}) may not read the audit trail.</source>
        <translation>Votre rôle ({role}) ne permet pas de lire le journal d’audit.</translation>
    </message>
    <message>
        <source>Showing {count} entry.</source>
        <translation>Affichage de {count} entrée.</translation>
    </message>
    <message>
        <source>Older ones follow.</source>
        <translation>D’autres, plus anciennes, suivent.</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exporter le journal d’audit</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>{count} entry exported to {path}.</source>
        <translation>{count} entrée exportée vers {path}.</translation>
    </message>
    <message>
        <source>{count} entries exported to {path}.</source>
        <translation>{count} entrées exportées vers {path}.</translation>
    </message>
    <message>
        <source>The audit trail could not be exported</source>
        <translation>Le journal d’audit n’a pas pu être exporté</translation>
    </message>
    <message>
        <source>Showing {count} entries.</source>
        <translation>Affichage de {count} entrées.</translation>
    </message>
    <message>
        <source>The audit trail could not be loaded</source>
        <translation>Le journal d’audit n’a pas pu être chargé</translation>
    </message>
    <message>
        <source>When</source>
        <extracomment>Entries read at a time.</extracomment>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Action code</source>
        <translation>Code de l’action</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Identifiant de l’enregistrement</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Tous les enregistrements</translation>
    </message>
    <message>
        <source>its id</source>
        <translation>son identifiant</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>n’importe qui</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>Enregistrement :</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Qui :</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Du :</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>au :</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>toute date</translation>
    </message>
</context>
<context>
    <name>BillingDialog</name>
    <message>
        <source>Run billing</source>
        <extracomment>The invoices issued so far by the run under way.</extracomment>
        <translation>Lancer la facturation</translation>
    </message>
    <message>
        <source>Billing date: {date}</source>
        <translation>Date de facturation : {date}</translation>
    </message>
    <message>
        <source>Issues the invoices due by this date, renews the subscriptions due, ends the cancelled ones and converts ended trials. Running it again the same day changes nothing.</source>
        <translation>Émet les factures dues à cette date, renouvelle les abonnements échus, clôt les abonnements résiliés et termine les essais arrivés à échéance. La relancer le même jour ne change rien.</translation>
    </message>
    <message>
        <source>Preview the run of:</source>
        <translation>Aperçu de la facturation du :</translation>
    </message>
    <message>
        <source>Working out what a run on {date} would do…</source>
        <translation>Calcul de ce que ferait une facturation le {date}…</translation>
    </message>
    <message>
        <source>A run bills on the billing date ({today}) only: this shows what a run on {date} would do with the data of now.</source>
        <translation>La facturation ne porte que sur la date de facturation ({today}) : cet aperçu montre ce que ferait une facturation le {date} avec les données actuelles.</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Pas encore lancée.</translation>
    </message>
    <message>
        <source>What a run on {date} would do:</source>
        <translation>Ce que ferait une facturation le {date} :</translation>
    </message>
    <message>
        <source>Nothing is due on {date}: no invoice to issue, no renewal, no scheduled change, no end. A run would change nothing.</source>
        <translation>Rien n’est dû le {date} : aucune facture à émettre, aucun renouvellement, aucune modification prévue, aucune fin. Une facturation ne changerait rien.</translation>
    </message>
    <message>
        <source>The preview could not be worked out: {reason}</source>
        <translation>L’aperçu n’a pas pu être calculé : {reason}</translation>
    </message>
    <message>
        <source>Choose the billing date to run the billing.</source>
        <translation>Choisissez la date de facturation pour lancer la facturation.</translation>
    </message>
    <message>
        <source>Needs attention:</source>
        <translation>À examiner :</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>Interrompre</translation>
    </message>
    <message>
        <source>Stop after the batch under way; what it did is kept.</source>
        <translation>S’arrêter après le lot en cours ; ce qui est fait est conservé.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>Stopping after the current batch ({count} invoices)…</source>
        <translation>Arrêt après le lot en cours ({count} factures)…</translation>
    </message>
    <message>
        <source>{count} invoices issued so far…</source>
        <translation>{count} factures émises jusqu’ici…</translation>
    </message>
    <message>
        <source>The billing run failed.</source>
        <translation>La facturation a échoué.</translation>
    </message>
    <message>
        <source>The billing run failed</source>
        <translation>La facturation a échoué</translation>
    </message>
    <message>
        <source>Stopped before the end: what was done is kept.</source>
        <translation>Arrêtée avant la fin : ce qui est fait est conservé.</translation>
    </message>
    <message>
        <source>Billing run finished.</source>
        <translation>Facturation terminée.</translation>
    </message>
    <message>
        <source>Invoices issued:</source>
        <translation>Factures émises :</translation>
    </message>
    <message>
        <source>Renewals:</source>
        <translation>Renouvellements :</translation>
    </message>
    <message>
        <source>Subscriptions ended:</source>
        <translation>Abonnements clos :</translation>
    </message>
    <message>
        <source>Trials ended:</source>
        <translation>Essais terminés :</translation>
    </message>
    <message>
        <source>Scheduled changes applied:</source>
        <translation>Modifications prévues appliquées :</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Rien à examiner.</translation>
    </message>
</context>
<context>
    <name>BillingPreview</name>
    <message>
        <source>cycle → {cycle}</source>
        <translation>cycle → {cycle}</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <source>the holders fit, applied</source>
        <translation>sièges suffisants pour les détenteurs, appliquée</translation>
    </message>
    <message>
        <source>blocked (R15)</source>
        <translation>bloquée (R15)</translation>
    </message>
    <message>
        <source>applied, {count} user disabled (R15)</source>
        <translation>appliquée, {count} utilisateur désactivé (R15)</translation>
    </message>
    <message>
        <source>applied, {count} users disabled (R15)</source>
        <translation>appliquée, {count} utilisateurs désactivés (R15)</translation>
    </message>
    <message>
        <source>{account}, subscription {id}: {what}: {outcome}</source>
        <translation>{account}, abonnement {id} : {what} : {outcome}</translation>
    </message>
    <message>
        <source>{count} enabled user holds the role</source>
        <translation>{count} utilisateur actif détient le rôle</translation>
    </message>
    <message>
        <source>{count} enabled users hold the role</source>
        <translation>{count} utilisateurs actifs détiennent le rôle</translation>
    </message>
    <message>
        <source>{count} seat after the change</source>
        <translation>{count} siège après la modification</translation>
    </message>
    <message>
        <source>{count} seats after the change</source>
        <translation>{count} sièges après la modification</translation>
    </message>
    <message>
        <source>; it renews at the previous quantity.</source>
        <translation> ; l’abonnement se renouvelle à la quantité précédente.</translation>
    </message>
    <message>
        <source>; a draw disables (never an Administrator):</source>
        <translation> ; un tirage au sort désactive (jamais un administrateur) :</translation>
    </message>
    <message>
        <source>What the run does</source>
        <translation>Ce que fait la facturation</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{count} invoice to issue</source>
        <translation>{count} facture à émettre</translation>
    </message>
    <message>
        <source>{count} invoices to issue</source>
        <translation>{count} factures à émettre</translation>
    </message>
    <message>
        <source>{account}: draft upgrade invoice{of}</source>
        <translation>{account} : brouillon de facture de hausse{of}</translation>
    </message>
    <message>
        <source>{account}, subscription {id}: renewal {period}</source>
        <translation>{account}, abonnement {id} : renouvellement {period}</translation>
    </message>
    <message>
        <source>Renewals that would stop</source>
        <translation>Renouvellements qui s’arrêteraient</translation>
    </message>
    <message>
        <source> (subscription {id})</source>
        <translation> (abonnement {id})</translation>
    </message>
    <message>
        <source>{count} scheduled change due</source>
        <translation>{count} modification prévue à appliquer</translation>
    </message>
    <message>
        <source>{count} scheduled changes due</source>
        <translation>{count} modifications prévues à appliquer</translation>
    </message>
    <message>
        <source>{count} subscription ends (renewal off, R09)</source>
        <translation>{count} abonnement prend fin (renouvellement arrêté, R09)</translation>
    </message>
    <message>
        <source>{count} subscriptions end (renewal off, R09)</source>
        <translation>{count} abonnements prennent fin (renouvellement arrêté, R09)</translation>
    </message>
    <message>
        <source>{account}, subscription {id}: ends on {date}</source>
        <translation>{account}, abonnement {id} : prend fin le {date}</translation>
    </message>
    <message>
        <source>{count} trial ends (R18)</source>
        <translation>{count} essai se termine (R18)</translation>
    </message>
    <message>
        <source>{count} trials end (R18)</source>
        <translation>{count} essais se terminent (R18)</translation>
    </message>
    <message>
        <source>{account}, subscription {id}: trial ended on {date}</source>
        <translation>{account}, abonnement {id} : essai terminé le {date}</translation>
    </message>
</context>
<context>
    <name>BulkDialog</name>
    <message>
        <source>Enable users</source>
        <translation>Activer des utilisateurs</translation>
    </message>
    <message>
        <source>Enable {users}</source>
        <translation>Activer {users}</translation>
    </message>
    <message>
        <source>Enable {users}?</source>
        <translation>Activer {users} ?</translation>
    </message>
    <message>
        <source>Enabling</source>
        <translation>L’activation</translation>
    </message>
    <message>
        <source>Enabling {users}…</source>
        <translation>Activation de {users}…</translation>
    </message>
    <message>
        <source>Disable users</source>
        <translation>Désactiver des utilisateurs</translation>
    </message>
    <message>
        <source>Disable {users}</source>
        <translation>Désactiver {users}</translation>
    </message>
    <message>
        <source>Disable {users}?</source>
        <translation>Désactiver {users} ?</translation>
    </message>
    <message>
        <source>Disabling</source>
        <translation>La désactivation</translation>
    </message>
    <message>
        <source>Disabling {users}…</source>
        <translation>Désactivation de {users}…</translation>
    </message>
    <message>
        <source>Assign role</source>
        <translation>Attribuer un rôle</translation>
    </message>
    <message>
        <source>Assign {users}</source>
        <translation>Attribuer à {users}</translation>
    </message>
    <message>
        <source>Assign {role} to {users}?</source>
        <translation>Attribuer {role} à {users} ?</translation>
    </message>
    <message>
        <source>Assigning</source>
        <translation>L’attribution</translation>
    </message>
    <message>
        <source>Assigning {users}…</source>
        <translation>Attribution à {users}…</translation>
    </message>
    <message>
        <source>Unassign role</source>
        <translation>Retirer un rôle</translation>
    </message>
    <message>
        <source>Unassign {users}</source>
        <translation>Retirer à {users}</translation>
    </message>
    <message>
        <source>Unassign {role} from {users}?</source>
        <translation>Retirer {role} à {users} ?</translation>
    </message>
    <message>
        <source>Unassigning</source>
        <translation>Le retrait</translation>
    </message>
    <message>
        <source>Unassigning {users}…</source>
        <translation>Retrait à {users}…</translation>
    </message>
    <message>
        <source>{role}: {in_use} of {bought} seats in use, {selected} selected</source>
        <translation>{role} : {in_use} sièges utilisés sur {bought}, {selected} sélectionnés</translation>
    </message>
    <message>
        <source>{count} user</source>
        <translation>{count} utilisateur</translation>
    </message>
    <message>
        <source>{count} users</source>
        <translation>{count} utilisateurs</translation>
    </message>
    <message>
        <source>One transaction: every selected user changes, or none.</source>
        <extracomment>The change was made: the number of users it changed. The change was made: the ids of the users it changed (for undoing it). The service refused the change (or it failed): the exception. The dialog buying the seats the change lacks, once opened. The seat effect shown, once counted.</extracomment>
        <translation>Une seule transaction : tous les utilisateurs sélectionnés changent, ou aucun.</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <source>The catalog has no roles.</source>
        <translation>Le catalogue n’a aucun rôle.</translation>
    </message>
    <message>
        <source>Counting seats…</source>
        <translation>Décompte des sièges…</translation>
    </message>
    <message>
        <source>    {change} takes {count} more: {after} of {bought} in use.</source>
        <translation>    {change} en prend {count} de plus : {after} utilisés sur {bought}.</translation>
    </message>
    <message>
        <source>    {change} frees {count}.</source>
        <translation>    {change} en libère {count}.</translation>
    </message>
    <message>
        <source>    No seat changes hands.</source>
        <translation>    Aucun siège ne change de main.</translation>
    </message>
    <message>
        <source>No role seat changes hands.</source>
        <translation>Aucun siège de rôle ne change de main.</translation>
    </message>
    <message>
        <source>The change would be refused: {reason}</source>
        <translation>La modification serait refusée : {reason}</translation>
    </message>
    <message>
        <source>This needs more {roles} seats than the account bought: the change would be refused (R14). Buy seats, or select fewer users.</source>
        <translation>Il faut plus de sièges {roles} que le compte n’en a achetés : la modification serait refusée (R14). Achetez des sièges ou sélectionnez moins d’utilisateurs.</translation>
    </message>
    <message>
        <source>Buy more seats…</source>
        <translation>Acheter des sièges…</translation>
    </message>
    <message>
        <source>Only an operator who manages subscriptions may buy seats.</source>
        <translation>Seul un opérateur qui gère les abonnements peut acheter des sièges.</translation>
    </message>
    <message>
        <source>The seats could not be counted: {error}</source>
        <translation>Les sièges n’ont pas pu être décomptés : {error}</translation>
    </message>
    <message>
        <source>A bulk change is one transaction: it cannot stop half-way.</source>
        <translation>Une modification groupée est une seule transaction : elle ne peut pas s’arrêter à mi-chemin.</translation>
    </message>
</context>
<context>
    <name>CatalogImportDialog</name>
    <message>
        <source>New</source>
        <extracomment>How each status reads, and the order of the rows.</extracomment>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Not in the file (kept)</source>
        <translation>Absent du fichier (conservé)</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Inchangé</translation>
    </message>
    <message>
        <source>name</source>
        <extracomment>The terms of a role or an add-on besides its prices, as the window names them.</extracomment>
        <translation>nom</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>type</translation>
    </message>
    <message>
        <source>upgrade policy</source>
        <translation>politique de hausse</translation>
    </message>
    <message>
        <source>seat overflow</source>
        <translation>dépassement de sièges</translation>
    </message>
    <message>
        <source>audiences</source>
        <translation>publics</translation>
    </message>
    <message>
        <source>online countries</source>
        <translation>pays de vente en ligne</translation>
    </message>
    <message>
        <source>trial days</source>
        <translation>jours d’essai</translation>
    </message>
    <message>
        <source>{cycle} {price}</source>
        <translation>{cycle} {price}</translation>
    </message>
    <message>
        <source>{cycle} {price} removed</source>
        <translation>{cycle} {price} supprimé</translation>
    </message>
    <message>
        <source>{cycle} {before} → {after}</source>
        <translation>{cycle} {before} → {after}</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Add-on</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>{new} new, {changed} changed, {unchanged} unchanged.</source>
        <translation>Nouveaux : {new}, modifiés : {changed}, inchangés : {unchanged}.</translation>
    </message>
    <message>
        <source>1 is not in the file and is kept as it is.</source>
        <translation>1 élément ne figure pas dans le fichier et est conservé tel quel.</translation>
    </message>
    <message>
        <source>{count} are not in the file and are kept as they are.</source>
        <translation>{count} éléments ne figurent pas dans le fichier et sont conservés tels quels.</translation>
    </message>
    <message>
        <source>Import the catalog</source>
        <extracomment>The catalog was imported: the `CatalogImport` result.</extracomment>
        <translation>Importer le catalogue</translation>
    </message>
    <message>
        <source>catalog.toml</source>
        <extracomment>The text previewed and its file&apos;s name: what Apply imports. What the last import did, said before the preview that follows it.</extracomment>
        <translation>catalogue.toml</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <source>Choose the catalog file (TOML).</source>
        <translation>Choisissez le fichier du catalogue (TOML).</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>New prices apply to future invoices; issued invoices keep theirs. Roles and add-ons missing from the file are kept as they are.</source>
        <translation>Les nouveaux prix s’appliquent aux factures à venir ; les factures émises gardent les leurs. Les rôles et options absents du fichier sont conservés tels quels.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>Choose the catalog</source>
        <translation>Choisir le catalogue</translation>
    </message>
    <message>
        <source>Catalog files (*.toml)</source>
        <translation>Fichiers de catalogue (*.toml)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>Apply imports these changes.</source>
        <translation>« Appliquer » importe ces modifications.</translation>
    </message>
    <message>
        <source>The catalog is as the file says.</source>
        <translation>Le catalogue est déjà conforme au fichier.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Imported: {created} new, {updated} changed.</source>
        <translation>Importation terminée : {created} créé(s), {updated} modifié(s).</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Le fichier ne peut pas être lu.</translation>
    </message>
</context>
<context>
    <name>ChangeDialog</name>
    <message>
        <source>Nothing is scheduled for the period end.</source>
        <extracomment>How long editing must pause before the price is worked out again.</extracomment>
        <translation>Rien n’est prévu pour la fin de la période.</translation>
    </message>
    <message>
        <source>Scheduled for the period end (R11, R12): </source>
        <translation>Prévu pour la fin de la période (R11, R12) : </translation>
    </message>
    <message>
        <source>Change subscription {id}</source>
        <extracomment>The change was placed: its `ChangeResult`.</extracomment>
        <translation>Modifier l’abonnement {id}</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name} :</translation>
    </message>
    <message>
        <source>Cycle:</source>
        <translation>Cycle :</translation>
    </message>
    <message>
        <source>Get a quote</source>
        <translation>Obtenir un devis</translation>
    </message>
    <message>
        <source>Place order</source>
        <translation>Commander</translation>
    </message>
    <message>
        <source>{role}s may not change subscriptions.</source>
        <translation>Le rôle {role} ne permet pas de modifier les abonnements.</translation>
    </message>
    <message>
        <source>Seats per role</source>
        <translation>Sièges par rôle</translation>
    </message>
    <message>
        <source>Add-ons and cycle</source>
        <translation>Options et cycle</translation>
    </message>
    <message>
        <source>{Cycle} subscription, period {start} – {end}. Upgrades apply at once; downgrades and a new cycle wait for the period end.</source>
        <translation>Abonnement {cycle}, période du {start} au {end}. Les hausses s’appliquent aussitôt ; les baisses et un nouveau cycle attendent la fin de la période.</translation>
    </message>
    <message>
        <source>Invoiced now</source>
        <translation>Facturé maintenant</translation>
    </message>
    <message>
        <source>Loading the prices…</source>
        <translation>Chargement des prix…</translation>
    </message>
    <message>
        <source>now {count} · {price}</source>
        <translation>actuellement {count} · {price}</translation>
    </message>
    <message>
        <source>Change a quantity or the cycle to see its price.</source>
        <translation>Modifiez une quantité ou le cycle pour en voir le prix.</translation>
    </message>
    <message>
        <source>Working out the price…</source>
        <translation>Calcul du prix…</translation>
    </message>
    <message>
        <source>The price could not be worked out</source>
        <translation>Le prix n’a pas pu être calculé</translation>
    </message>
    <message>
        <source>Nothing to invoice now.</source>
        <translation>Rien à facturer maintenant.</translation>
    </message>
    <message>
        <source>The subscription does not renew.</source>
        <translation>L’abonnement ne se renouvelle pas.</translation>
    </message>
    <message>
        <source>Next period, from {day}: {now}, VAT included.</source>
        <translation>Période suivante, à partir du {day} : {now}, TVA comprise.</translation>
    </message>
    <message>
        <source>Next period, from {day}: {now} now; none after the change.</source>
        <translation>Période suivante, à partir du {day} : {now} actuellement ; rien après la modification.</translation>
    </message>
    <message>
        <source>Next period, from {day}: {after} after the change, instead of {now}; VAT included.</source>
        <translation>Période suivante, à partir du {day} : {after} après la modification, au lieu de {now} ; TVA comprise.</translation>
    </message>
    <message>
        <source>Quote {number}: total {total} {currency}, valid until {day}.</source>
        <translation>Devis {number} : total {total} {currency}, valable jusqu’au {day}.</translation>
    </message>
    <message>
        <source>The change was refused</source>
        <translation>La modification a été refusée</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Renews ({cycle})</source>
        <translation>Renouvellement ({cycle})</translation>
    </message>
    <message>
        <source>Ends (no automatic renewal)</source>
        <translation>Fin (pas de renouvellement automatique)</translation>
    </message>
    <message>
        <source>Billing cycle → {cycle}</source>
        <translation>Cycle de facturation → {cycle}</translation>
    </message>
    <message>
        <source>{item} → {quantity}</source>
        <translation>{item} → {quantity}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Seats bought and in use, revenue by month, and what falls due in 30 days.</source>
        <translation>Sièges achetés et utilisés, chiffre d’affaires par mois, et les échéances des 30 prochains jours.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Seats per role</source>
        <translation>Sièges par rôle</translation>
    </message>
    <message>
        <source>Revenue by month</source>
        <translation>Chiffre d’affaires par mois</translation>
    </message>
    <message>
        <source>Renewals in the next 30 days</source>
        <translation>Renouvellements sous 30 jours</translation>
    </message>
    <message>
        <source>Downgrades in the next 30 days</source>
        <translation>Réductions sous 30 jours</translation>
    </message>
    <message>
        <source>Blocked downgrades</source>
        <translation>Réductions bloquées</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>Achetés</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Utilisés</translation>
    </message>
    <message>
        <source>Net revenue</source>
        <translation>Chiffre d’affaires net</translation>
    </message>
    <message>
        <source>Your role ({role}) may not read invoices.</source>
        <translation>Votre rôle ({role}) ne permet pas de lire les factures.</translation>
    </message>
    <message>
        <source>No renewal in the next 30 days.</source>
        <translation>Aucun renouvellement dans les 30 prochains jours.</translation>
    </message>
    <message>
        <source>No downgrade in the next 30 days.</source>
        <translation>Aucune réduction dans les 30 prochains jours.</translation>
    </message>
    <message>
        <source>No blocked downgrade.</source>
        <translation>Aucune réduction bloquée.</translation>
    </message>
    <message>
        <source>Dashboard of {day} loaded.</source>
        <translation>Tableau de bord du {day} chargé.</translation>
    </message>
    <message>
        <source>Net over the last {count} months: {amount}. Lighter bars: months ahead.</source>
        <translation>Net des {count} derniers mois : {amount}. Barres claires : mois à venir.</translation>
    </message>
    <message>
        <source>The dashboard could not be loaded</source>
        <translation>Le tableau de bord n’a pas pu être chargé</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Net {net}  ·  VAT {vat}  ·  Total {total} {currency}</source>
        <translation>HT {net}  ·  TVA {vat}  ·  Total {total} {currency}</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Avoir</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <source>{kind} request</source>
        <translation>demande de {kind}</translation>
    </message>
    <message>
        <source>Account:</source>
        <extracomment>The number of a document to select once the next load brings it.</extracomment>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>{count} document</source>
        <translation>{count} document</translation>
    </message>
    <message>
        <source>{count} documents</source>
        <translation>{count} documents</translation>
    </message>
    <message>
        <source>The documents could not be loaded</source>
        <translation>Les documents n’ont pas pu être chargés</translation>
    </message>
    <message>
        <source>No account yet. Create one on the Accounts page first; its quotes and invoices show here.</source>
        <translation>Aucun compte pour l’instant. Créez-en d’abord un dans la page Comptes ; ses devis et factures s’affichent ici.</translation>
    </message>
    <message>
        <source>Select a document to see its lines.</source>
        <translation>Sélectionnez un document pour voir ses lignes.</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Factures</translation>
    </message>
    <message>
        <source>Invoices and credit notes of an account, with their lines.</source>
        <translation>Les factures et avoirs d’un compte, avec leurs lignes.</translation>
    </message>
    <message>
        <source>No invoice yet for this account. Invoices come from a purchase or a change of a subscription (Subscriptions page), from an accepted quote (Quotes page), and from the billing run (Billing &gt; Run billing…).</source>
        <translation>Aucune facture pour ce compte pour l’instant. Les factures proviennent d’un achat ou d’une modification d’abonnement (page Abonnements), d’un devis accepté (page Devis) et de la facturation (Facturation &gt; Lancer la facturation…).</translation>
    </message>
    <message>
        <source>Issued {issued}, due {due}</source>
        <translation>Émise le {issued}, échéance le {due}</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>statut {status}</translation>
    </message>
    <message>
        <source>paid by {payment}</source>
        <translation>payé par {payment}</translation>
    </message>
    <message>
        <source>buyer {name}</source>
        <translation>acheteur {name}</translation>
    </message>
    <message>
        <source>subscription {id}</source>
        <translation>abonnement {id}</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>Devis</translation>
    </message>
    <message>
        <source>Purchases and changes priced before they are committed (R13).</source>
        <translation>Achats et modifications chiffrés avant d’être engagés (R13).</translation>
    </message>
    <message>
        <source>New quote…</source>
        <translation>Nouveau devis…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <source>{role}s may not make quotes.</source>
        <translation>Le rôle {role} ne permet pas d’établir des devis.</translation>
    </message>
    <message>
        <source>{role}s may not accept or reject quotes.</source>
        <translation>Le rôle {role} ne permet pas d’accepter ou de refuser des devis.</translation>
    </message>
    <message>
        <source>No quote yet for this account. Make one with New quote… above (a purchase, with or without a subscription already), or with Get a quote when changing a subscription (Subscriptions page).</source>
        <translation>Aucun devis pour ce compte pour l’instant. Établissez-en un avec Nouveau devis… ci-dessus (un achat, avec ou sans abonnement existant), ou avec Obtenir un devis lors de la modification d’un abonnement (page Abonnements).</translation>
    </message>
    <message>
        <source>Quote {number} made: {total}, valid until {day}.</source>
        <translation>Devis {number} établi : {total}, valable jusqu’au {day}.</translation>
    </message>
    <message>
        <source>Quote {number} ({kind})</source>
        <translation>Devis {number} ({kind})</translation>
    </message>
    <message>
        <source>Issued {issued}, valid until {valid}</source>
        <translation>Émis le {issued}, valable jusqu’au {valid}</translation>
    </message>
    <message>
        <source>a request for a contact-only role (R04)</source>
        <translation>une demande pour un rôle sur contact uniquement (R04)</translation>
    </message>
    <message>
        <source>Quote {number} accepted.</source>
        <translation>Devis {number} accepté.</translation>
    </message>
    <message>
        <source>Quote {number} rejected.</source>
        <translation>Devis {number} refusé.</translation>
    </message>
    <message>
        <source>The quote could not be changed</source>
        <translation>Le devis n’a pas pu être modifié</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Something unexpected went wrong ({kind}: {error}).</source>
        <translation>Une erreur inattendue s’est produite ({kind} : {error}).</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>{count} row</source>
        <translation>{count} ligne</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} lignes</translation>
    </message>
    <message>
        <source>Line</source>
        <extracomment>Who the account&apos;s rules would give a role, and who could not have one. How many assignment rules the account keeps. What importing the good rows does to the seats, with the rules&apos; roles, and without them (the same when the account keeps no rule).</extracomment>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text; save it as UTF-8 CSV.</source>
        <translation>{name} n’est pas du texte UTF-8 ; enregistrez-le en CSV UTF-8.</translation>
    </message>
    <message>
        <source>{path} could not be read: {error}.</source>
        <translation>{path} n’a pas pu être lu : {error}.</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>Choisir un fichier CSV</translation>
    </message>
    <message>
        <source>Columns: {columns} (email required; roles separated by “;”).</source>
        <translation>Colonnes : {columns} (e-mail obligatoire ; rôles séparés par « ; »).</translation>
    </message>
    <message>
        <source>/path/to/users.csv</source>
        <translation>/chemin/vers/utilisateurs.csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Import users</source>
        <translation>Importer des utilisateurs</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>The first rows of the file, as read.</source>
        <translation>Les premières lignes du fichier, telles que lues.</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>Columns detected: {columns} · {rows}</source>
        <translation>Colonnes détectées : {columns} · {rows}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source> · unknown: {columns}</source>
        <translation> · inconnues : {columns}</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>By the rules</source>
        <translation>Par les règles</translation>
    </message>
    <message>
        <source>In use now</source>
        <translation>Utilisés actuellement</translation>
    </message>
    <message>
        <source>After the import</source>
        <translation>Après l’importation</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>Achetés</translation>
    </message>
    <message>
        <source>{after} (+{change})</source>
        <translation>{after} (+{change})</translation>
    </message>
    <message>
        <source>gets a seat</source>
        <translation>obtient un siège</translation>
    </message>
    <message>
        <source>no seat: {reason}</source>
        <translation>pas de siège : {reason}</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>The file is checked against {account}: emails, roles, seats. Nothing is written yet.</source>
        <translation>Le fichier est vérifié pour {account} : e-mails, rôles, sièges. Rien n’est encore enregistré.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Import the good rows only (skip the bad ones)</source>
        <translation>N’importer que les lignes correctes (ignorer les autres)</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Vérification de chaque ligne…</translation>
    </message>
    <message>
        <source>The row can be imported.</source>
        <translation>La ligne peut être importée.</translation>
    </message>
    <message>
        <source>All {count} rows can be imported.</source>
        <translation>Les {count} lignes peuvent être importées.</translation>
    </message>
    <message>
        <source>The file has no user rows.</source>
        <translation>Le fichier ne contient aucune ligne d’utilisateur.</translation>
    </message>
    <message>
        <source>{count} bad row (listed below); nothing was written. Good rows: {good}.</source>
        <translation>{count} ligne incorrecte (voir ci-dessous) ; rien n’a été enregistré. Lignes correctes : {good}.</translation>
    </message>
    <message>
        <source>{count} bad rows (listed below); nothing was written. Good rows: {good}.</source>
        <translation>{count} lignes incorrectes (voir ci-dessous) ; rien n’a été enregistré. Lignes correctes : {good}.</translation>
    </message>
    <message>
        <source>The seats the import takes:</source>
        <translation>Sièges pris par l’importation :</translation>
    </message>
    <message>
        <source>The seats an import of the {good} good rows takes:</source>
        <translation>Sièges pris par l’importation des {good} lignes correctes :</translation>
    </message>
    <message>
        <source>The import takes no seat: no new user holds a role.</source>
        <translation>L’importation ne prend aucun siège : aucun nouvel utilisateur ne détient de rôle.</translation>
    </message>
    <message>
        <source>Apply the account&apos;s assignment rules: {gains} role(s) given, {shortfalls} not for lack of seats</source>
        <translation>Appliquer les règles d&apos;attribution du compte : {gains} rôle(s) attribué(s), {shortfalls} non attribué(s) faute de sièges</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>The import is one transaction: all its rows or none.</source>
        <translation>L’importation est une seule transaction : toutes ses lignes ou aucune.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>{count} user imported into {account}.</source>
        <translation>{count} utilisateur importé dans {account}.</translation>
    </message>
    <message>
        <source>{count} users imported into {account}.</source>
        <translation>{count} utilisateurs importés dans {account}.</translation>
    </message>
    <message>
        <source> {count} bad row skipped:</source>
        <translation> {count} ligne incorrecte ignorée :</translation>
    </message>
    <message>
        <source> {count} bad rows skipped:</source>
        <translation> {count} lignes incorrectes ignorées :</translation>
    </message>
    <message>
        <source>The assignment rules gave {gains} role(s); {shortfalls} could not be given for lack of seats.</source>
        <translation>Les règles d&apos;attribution ont donné {gains} rôle(s) ; {shortfalls} n&apos;ont pu l&apos;être faute de sièges.</translation>
    </message>
    <message>
        <source>Nothing was imported. {error}</source>
        <translation>Rien n’a été importé. {error}</translation>
    </message>
    <message>
        <source>Import users into {account}</source>
        <translation>Importer des utilisateurs dans {account}</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <source>Assign {role}</source>
        <extracomment>The most holders of a role the licences page lists at once. How long typing must pause before the search runs.</extracomment>
        <translation>Attribuer {role}</translation>
    </message>
    <message>
        <source>Loading the users…</source>
        <translation>Chargement des utilisateurs…</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>{role}: {in_use} of {bought} seats in use, {free} free.</source>
        <translation>{role} : {in_use} sièges utilisés sur {bought}, {free} libres.</translation>
    </message>
    <message>
        <source>Loading failed</source>
        <translation>Le chargement a échoué</translation>
    </message>
    <message>
        <source>Filter by email or name</source>
        <translation>Filtrer par e-mail ou nom</translation>
    </message>
    <message>
        <source>Disabled users take a seat only once enabled; enabled ones take one at once.</source>
        <translation>Les utilisateurs désactivés ne prennent un siège qu’une fois activés ; les actifs en prennent un aussitôt.</translation>
    </message>
    <message>
        <source>Licences</source>
        <extracomment>A change was made to users (a `ui.undo.UserChange`), to be undoable.</extracomment>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Seats bought, assigned and free per role; who holds each role.</source>
        <translation>Sièges achetés, attribués et libres par rôle ; qui détient chaque rôle.</translation>
    </message>
    <message>
        <source>Select a role to see who holds it.</source>
        <translation>Sélectionnez un rôle pour voir qui le détient.</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Attribuer…</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Assignment rules…</source>
        <translation>Règles d’attribution…</translation>
    </message>
    <message>
        <source>{role}s may not manage users.</source>
        <translation>Le rôle {role} ne permet pas de gérer les utilisateurs.</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>Buy more seats…</source>
        <translation>Acheter des sièges…</translation>
    </message>
    <message>
        <source>More seats of the role selected: the missing ones first.</source>
        <translation>Plus de sièges pour le rôle sélectionné : d’abord ceux qui manquent.</translation>
    </message>
    <message>
        <source>{role}s may not buy subscriptions.</source>
        <translation>Le rôle {role} ne permet pas d’acheter des abonnements.</translation>
    </message>
    <message>
        <source>Amber: {share} % or more of the seats in use; red: more users than seats bought.</source>
        <translation>Orange : {share} % des sièges ou plus sont utilisés ; rouge : plus d’utilisateurs que de sièges achetés.</translation>
    </message>
    <message>
        <source>The seats could not be loaded</source>
        <translation>Les sièges n’ont pas pu être chargés</translation>
    </message>
    <message>
        <source>Holders of {role}</source>
        <translation>Détenteurs de {role}</translation>
    </message>
    <message>
        <source>The holders could not be loaded</source>
        <translation>Les détenteurs n’ont pas pu être chargés</translation>
    </message>
    <message>
        <source>Guest users hold no role: each uses a unit of the guest add-on.</source>
        <translation>Les invités ne détiennent aucun rôle : chacun utilise une unité de l’option invités.</translation>
    </message>
    <message>
        <source>{count} holder</source>
        <translation>{count} détenteur</translation>
    </message>
    <message>
        <source>{count} holders</source>
        <translation>{count} détenteurs</translation>
    </message>
    <message>
        <source>, of whom {count} disabled (they take no seat)</source>
        <translation>, dont {count} désactivés (ils ne prennent aucun siège)</translation>
    </message>
    <message>
        <source>{role} given to {users}.</source>
        <translation>{role} attribué à {users}.</translation>
    </message>
    <message>
        <source>{role} taken from {users}.</source>
        <translation>{role} retiré à {users}.</translation>
    </message>
    <message>
        <source>{count} user</source>
        <translation>{count} utilisateur</translation>
    </message>
    <message>
        <source>{count} users</source>
        <translation>{count} utilisateurs</translation>
    </message>
    <message>
        <source>The assignment was refused</source>
        <translation>L’attribution a été refusée</translation>
    </message>
    <message>
        <source>Rules gave a seat to {users}.</source>
        <translation>Les règles ont donné un siège à {users}.</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <source>{amount} by {method} ({reference}) on {date}</source>
        <translation>{amount} par {method} ({reference}) le {date}</translation>
    </message>
    <message>
        <source>Payments: {list}</source>
        <translation>Paiements : {list}</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>Enregistrer un paiement…</translation>
    </message>
    <message>
        <source>{role}s may not record payments.</source>
        <translation>Le rôle {role} ne permet pas d’enregistrer des paiements.</translation>
    </message>
    <message>
        <source>Issue today&apos;s drafts</source>
        <translation>Émettre les brouillons du jour</translation>
    </message>
    <message>
        <source>{role}s may not issue invoices.</source>
        <translation>Le rôle {role} ne permet pas d’émettre des factures.</translation>
    </message>
    <message>
        <source>What the invoice was paid could not be read</source>
        <translation>Les paiements de la facture n’ont pas pu être lus</translation>
    </message>
    <message>
        <source>Payment of {amount} recorded; {number} is paid.</source>
        <translation>Paiement de {amount} enregistré ; {number} est payée.</translation>
    </message>
    <message>
        <source>Payment of {amount} recorded on {number}.</source>
        <translation>Paiement de {amount} enregistré sur {number}.</translation>
    </message>
    <message>
        <source>The drafts could not be issued</source>
        <translation>Les brouillons n’ont pas pu être émis</translation>
    </message>
    <message>
        <source>{count} invoice issued: {numbers}.</source>
        <translation>{count} facture émise : {numbers}.</translation>
    </message>
    <message>
        <source>{count} invoices issued: {numbers}.</source>
        <translation>{count} factures émises : {numbers}.</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>A language was chosen: its code (&quot;&quot; for the system&apos;s), and a sentence to show.</extracomment>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System language ({language})</source>
        <translation>Langue du système ({language})</translation>
    </message>
    <message>
        <source>No settings are kept in this mode.</source>
        <translation>Aucun réglage n&apos;est conservé dans ce mode.</translation>
    </message>
    <message>
        <source>Language: {language}.</source>
        <translation>Langue : {language}.</translation>
    </message>
    <message>
        <source>Seat Desk will speak {language} from the next start.</source>
        <translation>Seat Desk parlera {language} dès le prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Opening the database…</source>
        <translation>Ouverture de la base de données…</translation>
    </message>
    <message>
        <source>Fill it with demo data (3 accounts, 42 users)</source>
        <translation>La remplir de données de démonstration (3 comptes, 42 utilisateurs)</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>&amp;Confirm:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>Base de données : {name}</translation>
    </message>
    <message>
        <source>Create the first Administrator</source>
        <translation>Créer le premier administrateur</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>This database has no operator yet. The Administrator you create now may do everything, including adding the other operators.</source>
        <translation>Cette base de données n’a encore aucun opérateur. L’administrateur que vous créez maintenant pourra tout faire, y compris ajouter les autres opérateurs.</translation>
    </message>
    <message>
        <source>Sign in with your operator login.</source>
        <translation>Connectez-vous avec votre identifiant d’opérateur.</translation>
    </message>
    <message>
        <source>Create Administrator</source>
        <translation>Créer l’administrateur</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Creating the Administrator…</source>
        <translation>Création de l’administrateur…</translation>
    </message>
    <message>
        <source>The password needs at least {count} characters.</source>
        <translation>Le mot de passe doit compter au moins {count} caractères.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The accounts could not be loaded</source>
        <extracomment>The pages by the name `--page` and the settings use, in navigation order. The column layout of each page&apos;s main table, under `columns/&lt;page name&gt;`. The attributes naming a page&apos;s main table, in order of preference. The one way the window runs operations; its signal reloads the pages.</extracomment>
        <translation>Les comptes n’ont pas pu être chargés</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Aller à</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About Seat Desk</source>
        <translation>À &amp;propos de Seat Desk</translation>
    </message>
    <message>
        <source>Working in the background…</source>
        <translation>Travail en arrière-plan…</translation>
    </message>
    <message>
        <source>The database this window works on</source>
        <translation>La base de données de cette fenêtre</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Connecté en tant que</translation>
    </message>
    <message>
        <source>About Seat Desk</source>
        <translation>À propos de Seat Desk</translation>
    </message>
    <message>
        <source>Administer seat-based subscriptions: accounts, users and their roles, quotes and invoices.&lt;br&gt;&lt;br&gt;Database: {database}&lt;br&gt;Qt {qt}</source>
        <translation>Administrez des abonnements par sièges : comptes, utilisateurs et leurs rôles, devis et factures.&lt;br&gt;&lt;br&gt;Base de données : {database}&lt;br&gt;Qt {qt}</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Billing</source>
        <translation>&amp;Facturation</translation>
    </message>
    <message>
        <source>Run &amp;billing…</source>
        <translation>Lancer la &amp;facturation…</translation>
    </message>
    <message>
        <source>{role}s may not run billing.</source>
        <translation>Le rôle {role} ne permet pas de lancer la facturation.</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Gains</source>
        <translation>Obtient</translation>
    </message>
    <message>
        <source>By the rule</source>
        <translation>Par la règle</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Why not</source>
        <translation>Pourquoi pas</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Renouvellement</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Seat check</source>
        <translation>Contrôle des sièges</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>TVA %</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Émis le</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>HT</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Validité</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>The record behind a row, for any column. `SeatState` of a row of `SeatsModel`.</extracomment>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Other changes</source>
        <translation>Autres modifications</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>no seats bought</source>
        <translation>aucun siège acheté</translation>
    </message>
    <message>
        <source>{count} over</source>
        <translation>{count} en trop</translation>
    </message>
    <message>
        <source>Over-assigned: {in_use} in use for {bought} bought.</source>
        <translation>Surattribué : {in_use} utilisés pour {bought} achetés.</translation>
    </message>
    <message>
        <source>{free} of {bought} seats left.</source>
        <translation>{free} sièges restants sur {bought}.</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>Achetés</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Utilisés</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Libres</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Email</source>
        <extracomment>The view reached the last loaded row: the page should load from this offset.</extracomment>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>Administrator of the account</source>
        <translation>Administrateur du compte</translation>
    </message>
    <message>
        <source>Guest user: uses a unit of the guest add-on, holds no role seat</source>
        <translation>Invité : utilise une unité de l’option invités, ne détient aucun siège de rôle</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>created</source>
        <translation>créé</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>et {count} de plus</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>aucun changement</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>NewQuoteDialog</name>
    <message>
        <source>New quote for {name}</source>
        <extracomment>The quote was made: the `Quote` as stored.</extracomment>
        <translation>Nouveau devis pour {name}</translation>
    </message>
    <message>
        <source>Make quote</source>
        <translation>Établir le devis</translation>
    </message>
    <message>
        <source>Reading the catalog…</source>
        <translation>Lecture du catalogue…</translation>
    </message>
    <message>
        <source>Seats per role</source>
        <translation>Sièges par rôle</translation>
    </message>
    <message>
        <source>Add-ons and cycle</source>
        <translation>Options et cycle</translation>
    </message>
    <message>
        <source>Cycle:</source>
        <translation>Cycle :</translation>
    </message>
    <message>
        <source>Paid by:</source>
        <translation>Payé par :</translation>
    </message>
    <message>
        <source>A quote prices a purchase without committing it: lines as the invoice would have them, valid 30 days. Accepting it places the order at these prices, whether or not the account has a subscription already.</source>
        <translation>Un devis chiffre un achat sans l’engager : les lignes telles que la facture les présenterait, valable 30 jours. L’accepter passe la commande à ces prix, que le compte ait déjà un abonnement ou non.</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name} :</translation>
    </message>
    <message>
        <source>Choose the seats of at least one role.</source>
        <translation>Choisissez les sièges d’au moins un rôle.</translation>
    </message>
    <message>
        <source>The catalog offers no role to this account.</source>
        <translation>Le catalogue ne propose aucun rôle à ce compte.</translation>
    </message>
    <message>
        <source>Pricing…</source>
        <translation>Chiffrage…</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>{login} (you)</source>
        <translation>{login} (vous)</translation>
    </message>
    <message>
        <source>may sign in</source>
        <translation>peut se connecter</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Add an operator</source>
        <extracomment>The operation succeeded: its value (the operator).</extracomment>
        <translation>Ajouter un opérateur</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Change the role of {login}</source>
        <translation>Changer le rôle de {login}</translation>
    </message>
    <message>
        <source>Reset the password of {login}</source>
        <translation>Réinitialiser le mot de passe de {login}</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Con&amp;firm:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>Tell the operator the new password; it replaces the old one at once.</source>
        <translation>Communiquez le nouveau mot de passe à l’opérateur ; il remplace aussitôt l’ancien.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Les deux mots de passe ne sont pas identiques.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Opérateurs</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <extracomment>The login to select once the list reloads (an operator just added).</extracomment>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>Change &amp;role…</source>
        <translation>Changer le &amp;rôle…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Réinitialiser le mot de &amp;passe…</translation>
    </message>
    <message>
        <source>Administrators do everything; user managers manage users; billing clerks print documents and record payments. At least one enabled Administrator always remains.</source>
        <translation>Les administrateurs peuvent tout faire ; les gestionnaires des utilisateurs gèrent les utilisateurs ; les agents de facturation impriment les documents et enregistrent les paiements. Il reste toujours au moins un administrateur actif.</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Ac&amp;tiver</translation>
    </message>
    <message>
        <source>{login} added.</source>
        <translation>{login} ajouté.</translation>
    </message>
    <message>
        <source>{login} is now {role}.</source>
        <translation>{login} est désormais {role}.</translation>
    </message>
    <message>
        <source>The password of {login} was reset.</source>
        <translation>Le mot de passe de {login} a été réinitialisé.</translation>
    </message>
    <message>
        <source>{login} may sign in again.</source>
        <translation>{login} peut de nouveau se connecter.</translation>
    </message>
    <message>
        <source>{login} is disabled and may no longer sign in.</source>
        <translation>{login} est désactivé et ne peut plus se connecter.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>A draft of {total}: it is owed once issued.</source>
        <extracomment>An amount as typed: digits, then a point or a comma and up to 2 decimals.</extracomment>
        <translation>Brouillon de {total} : dû une fois la facture émise.</translation>
    </message>
    <message>
        <source>Total {total}; nothing to pay ({status}).</source>
        <translation>Total {total} ; rien à payer ({status}).</translation>
    </message>
    <message>
        <source>Total {total} · paid {paid} · still owes {owed}</source>
        <translation>Total {total} · payé {paid} · reste dû {owed}</translation>
    </message>
    <message>
        <source>Record a payment on {number}</source>
        <extracomment>The payment was recorded: the invoice (paid, if in full) and the `Payment`.</extracomment>
        <translation>Enregistrer un paiement sur {number}</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>Enregistrer le paiement</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Bank transfer</source>
        <translation>&amp;Virement bancaire</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Moyen de paiement :</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Référence :</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <source>Invoice {number} · {buyer}</source>
        <translation>Facture {number} · {buyer}</translation>
    </message>
    <message>
        <source>The amount is what the invoice still owes unless you change it; paid in full, the invoice is paid. Never type a card number: only the payment processor&apos;s token.</source>
        <translation>Par défaut, le montant est le reste dû de la facture ; réglée en totalité, la facture est payée. Ne saisissez jamais de numéro de carte : uniquement le jeton du prestataire de paiement.</translation>
    </message>
    <message>
        <source>the card&apos;s token, e.g. tok_1Nv3…</source>
        <translation>le jeton de la carte, p. ex. tok_1Nv3…</translation>
    </message>
    <message>
        <source>the transfer&apos;s reference, as the bank shows it</source>
        <translation>la référence du virement, telle que la banque l’affiche</translation>
    </message>
    <message>
        <source>type the amount received, e.g. 120.00</source>
        <translation>saisissez le montant reçu, p. ex. 120,00</translation>
    </message>
    <message>
        <source>The payment was refused.</source>
        <translation>Le paiement a été refusé.</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>PaymentMethodDialog</name>
    <message>
        <source>Bank transfer</source>
        <extracomment>The brands as people write them.</extracomment>
        <translation>Virement bancaire</translation>
    </message>
    <message>
        <source>{brand} card ending {last4}, expires {month:02d}/{year}</source>
        <translation>carte {brand} se terminant par {last4}, expire le {month:02d}/{year}</translation>
    </message>
    <message>
        <source>Payment method of {name}</source>
        <extracomment>The method was recorded: the `PaymentMethod` as stored.</extracomment>
        <translation>Moyen de paiement de {name}</translation>
    </message>
    <message>
        <source>Replace the {card}</source>
        <translation>Remplacer : {card}</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Bank transfer (companies only, R06)</source>
        <translation>&amp;Virement bancaire (entreprises uniquement, R06)</translation>
    </message>
    <message>
        <source>Only company accounts may pay by bank transfer (R06).</source>
        <translation>Seuls les comptes entreprise peuvent payer par virement (R06).</translation>
    </message>
    <message>
        <source>the payment processor&apos;s token, e.g. tok_1Nv3…</source>
        <translation>le jeton du prestataire de paiement, p. ex. tok_1Nv3…</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton :</translation>
    </message>
    <message>
        <source>B&amp;rand:</source>
        <translation>&amp;Marque :</translation>
    </message>
    <message>
        <source>&amp;Last four digits:</source>
        <translation>&amp;Quatre derniers chiffres :</translation>
    </message>
    <message>
        <source>&amp;Expires (month / year):</source>
        <translation>&amp;Expiration (mois / année) :</translation>
    </message>
    <message>
        <source>Never type the card number or its security code: only the processor&apos;s token, the brand, the last four digits and the expiry are kept (R06).</source>
        <translation>Ne saisissez jamais le numéro de la carte ni son code de sécurité : seuls le jeton du prestataire, la marque, les quatre derniers chiffres et la date d’expiration sont conservés (R06).</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>PdfExport</name>
    <message>
        <source>Save invoices as PDF</source>
        <extracomment>The export ended (finished or stopped): the files written.</extracomment>
        <translation>Enregistrer les factures en PDF</translation>
    </message>
    <message>
        <source>{count} documents into {folder}</source>
        <translation>{count} documents dans {folder}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Stop after the document under way; the files written stay.</source>
        <translation>Arrêter après le document en cours ; les fichiers écrits restent.</translation>
    </message>
    <message>
        <source>An existing file is replaced.</source>
        <translation>Un fichier existant est remplacé.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>{done} of {total} written…</source>
        <translation>{done} sur {total} écrits…</translation>
    </message>
    <message>
        <source>Stopped: {done} of {total} written, in {folder}.</source>
        <translation>Arrêté : {done} sur {total} écrits, dans {folder}.</translation>
    </message>
    <message>
        <source>{done} PDF files written in {folder}.</source>
        <translation>{done} fichiers PDF écrits dans {folder}.</translation>
    </message>
    <message>
        <source>The export stopped on an error after {done} of {total} files.</source>
        <translation>L’export s’est arrêté sur une erreur après {done} fichiers sur {total}.</translation>
    </message>
    <message>
        <source>The invoices could not be saved as PDF</source>
        <translation>Les factures n&apos;ont pas pu être enregistrées en PDF</translation>
    </message>
    <message>
        <source>Preview…</source>
        <extracomment>The PDF of one document, by its number (runs in the background). A sentence for the status bar.</extracomment>
        <translation>Aperçu…</translation>
    </message>
    <message>
        <source>See the PDF, print it or save it</source>
        <translation>Voir le PDF, l&apos;imprimer ou l&apos;enregistrer</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>Save all as PDF…</source>
        <translation>Tout enregistrer en PDF…</translation>
    </message>
    <message>
        <source>{role}s may not print documents.</source>
        <translation>Le rôle {role} ne permet pas d&apos;imprimer des documents.</translation>
    </message>
    <message>
        <source>Save {number} as PDF</source>
        <translation>Enregistrer {number} en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>{number} saved as {path}.</source>
        <translation>{number} enregistré sous {path}.</translation>
    </message>
    <message>
        <source>{number} could not be saved as PDF</source>
        <translation>{number} n&apos;a pas pu être enregistré en PDF</translation>
    </message>
    <message>
        <source>{number} could not be shown</source>
        <translation>{number} n&apos;a pas pu être affiché</translation>
    </message>
    <message>
        <source>{number} sent to the printer.</source>
        <translation>{number} envoyé à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Save the invoices as PDF into</source>
        <translation>Enregistrer les factures en PDF dans</translation>
    </message>
    <message>
        <source>{count} PDF files written in {folder}.</source>
        <translation>{count} fichiers PDF écrits dans {folder}.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>{count} page</source>
        <extracomment>Dots per inch of the page images sent to a printer. The document was printed (True) or the printing failed/was given up (False).</extracomment>
        <translation>{count} page</translation>
    </message>
    <message>
        <source>{count} pages</source>
        <translation>{count} pages</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Enregistrer sous…</translation>
    </message>
    <message>
        <source>The document could not be printed</source>
        <translation>Le document n&apos;a pas pu être imprimé</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved</source>
        <translation>Le PDF n&apos;a pas pu être enregistré</translation>
    </message>
</context>
<context>
    <name>PriceWords</name>
    <message>
        <source>month</source>
        <translation>mois</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>trimestre</translation>
    </message>
    <message>
        <source>year</source>
        <translation>an</translation>
    </message>
    <message>
        <source>not sold {cycle}</source>
        <translation>non vendu en cycle {cycle}</translation>
    </message>
    <message>
        <source>{price} per unit per {cycle}</source>
        <translation>{price} par unité et par {cycle}</translation>
    </message>
    <message>
        <source>{price} per seat per {cycle}</source>
        <translation>{price} par siège et par {cycle}</translation>
    </message>
    <message>
        <source>{name}, {old} → {new}</source>
        <translation>{name}, {old} → {new}</translation>
    </message>
    <message>
        <source>{lead}: nothing to pay now; the new seats are free until the end of the month, then the invoice of {day} carries them.</source>
        <translation>{lead} : rien à payer maintenant ; les nouveaux sièges sont gratuits jusqu’à la fin du mois, puis figurent sur la facture du {day}.</translation>
    </message>
    <message>
        <source>{lead}: {added} × {price} per {cycle} × {part} days of {whole} ({span}) = {amount}</source>
        <translation>{lead} : {added} × {price} par {cycle} × {part} jours sur {whole} ({span}) = {amount}</translation>
    </message>
    <message>
        <source>{lead}: {added} × {price} per {cycle} × {part} months of {whole} ({span}; free until then) = {amount}</source>
        <translation>{lead} : {added} × {price} par {cycle} × {part} mois sur {whole} ({span} ; gratuit jusque-là) = {amount}</translation>
    </message>
    <message>
        <source>How it is worked out (R10):</source>
        <translation>Détail du calcul (R10) :</translation>
    </message>
    <message>
        <source>{total} per {cycle}</source>
        <translation>{total} par {cycle}</translation>
    </message>
    <message>
        <source>{kind}: none on record</source>
        <translation>{kind} : aucun moyen enregistré</translation>
    </message>
    <message>
        <source>{kind}: on record</source>
        <translation>{kind} : moyen enregistré</translation>
    </message>
    <message>
        <source>{kind}: {brand} •••• {last4}, expires {month:02d}/{year}</source>
        <translation>{kind} : {brand} •••• {last4}, expire le {month:02d}/{year}</translation>
    </message>
</context>
<context>
    <name>PurchaseDialog</name>
    <message>
        <source>More seats cannot be bought</source>
        <translation>Impossible d’acheter des sièges supplémentaires</translation>
    </message>
    <message>
        <source>{roles} can be bought only on request in {country} (R04): placing this order sends a quote request to the sales team. No subscription is created and nothing is invoiced until the quote is accepted.</source>
        <translation>{roles} : achat uniquement sur demande pour le pays {country} (R04). Passer cette commande envoie une demande de devis à l’équipe commerciale. Aucun abonnement n’est créé et rien n’est facturé tant que le devis n’est pas accepté.</translation>
    </message>
    <message>
        <source>Buy a subscription</source>
        <extracomment>The order was placed: the `Purchase` (a subscription, or a quote request).</extracomment>
        <translation>Acheter un abonnement</translation>
    </message>
    <message>
        <source>Loading the prices…</source>
        <translation>Chargement des prix…</translation>
    </message>
    <message>
        <source>First invoice</source>
        <translation>Première facture</translation>
    </message>
    <message>
        <source>Get a quote</source>
        <translation>Obtenir un devis</translation>
    </message>
    <message>
        <source>Place order</source>
        <translation>Commander</translation>
    </message>
    <message>
        <source>{role}s may not buy subscriptions.</source>
        <translation>Le rôle {role} ne permet pas d’acheter des abonnements.</translation>
    </message>
    <message>
        <source>Seats per role</source>
        <translation>Sièges par rôle</translation>
    </message>
    <message>
        <source>Add-ons, cycle and payment</source>
        <translation>Options, cycle et paiement</translation>
    </message>
    <message>
        <source>{name} · {audience} account · {country}</source>
        <translation>{name} · compte {audience} · {country}</translation>
    </message>
    <message>
        <source>Cycle:</source>
        <translation>Cycle :</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>Paiement :</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name} :</translation>
    </message>
    <message>
        <source> · on request in {country}</source>
        <translation> · sur demande pour le pays {country}</translation>
    </message>
    <message>
        <source>Choose the seats of at least one role.</source>
        <translation>Choisissez les sièges d’au moins un rôle.</translation>
    </message>
    <message>
        <source>Working out the price…</source>
        <translation>Calcul du prix…</translation>
    </message>
    <message>
        <source>The price could not be worked out</source>
        <translation>Le prix n’a pas pu être calculé</translation>
    </message>
    <message>
        <source>Then {cost} from {day}, VAT included, renewed automatically at the prices of that day (R08).</source>
        <translation>Puis {cost} à partir du {day}, TVA comprise, renouvelé automatiquement aux prix en vigueur à cette date (R08).</translation>
    </message>
    <message>
        <source>Priced for the quote request</source>
        <translation>Chiffré pour la demande de devis</translation>
    </message>
    <message>
        <source>Send the quote request</source>
        <translation>Envoyer la demande de devis</translation>
    </message>
    <message>
        <source>The order was refused</source>
        <translation>La commande a été refusée</translation>
    </message>
    <message>
        <source>The quote was refused</source>
        <translation>Le devis a été refusé</translation>
    </message>
    <message>
        <source>Quote {number}: total {total}, valid until {day}. Nothing was bought.</source>
        <translation>Devis {number} : total {total}, valable jusqu’au {day}. Rien n’a été acheté.</translation>
    </message>
    <message>
        <source>Quote request {number} sent to the sales team.</source>
        <translation>Demande de devis {number} envoyée à l’équipe commerciale.</translation>
    </message>
    <message>
        <source>Subscription {id} started.</source>
        <translation>Abonnement {id} démarré.</translation>
    </message>
    <message>
        <source>Subscription {id} bought; invoice {number}, {total}.</source>
        <translation>Abonnement {id} acheté ; facture {number}, {total}.</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>{count} user</source>
        <translation>{count} utilisateur</translation>
    </message>
    <message>
        <source>{count} users</source>
        <translation>{count} utilisateurs</translation>
    </message>
    <message>
        <source>{role}: {count} seat freed ({in_use} → {after} of {bought})</source>
        <translation>{role} : {count} siège libéré ({in_use} → {after} sur {bought})</translation>
    </message>
    <message>
        <source>{role}: {count} seats freed ({in_use} → {after} of {bought})</source>
        <translation>{role} : {count} sièges libérés ({in_use} → {after} sur {bought})</translation>
    </message>
    <message>
        <source>They take no seat: none of them is enabled with a role.</source>
        <translation>Ils ne prennent aucun siège : aucun n’est actif avec un rôle.</translation>
    </message>
    <message>
        <source>Removing them frees these seats:</source>
        <translation>Leur suppression libère ces sièges :</translation>
    </message>
    <message>
        <source>Remove users</source>
        <extracomment>The users were removed: how many.</extracomment>
        <translation>Supprimer des utilisateurs</translation>
    </message>
    <message>
        <source>Remove {count} user for good?</source>
        <translation>Supprimer définitivement {count} utilisateur ?</translation>
    </message>
    <message>
        <source>Remove {count} users for good?</source>
        <translation>Supprimer définitivement {count} utilisateurs ?</translation>
    </message>
    <message>
        <source>Counting the seats they take…</source>
        <translation>Décompte des sièges qu’ils occupent…</translation>
    </message>
    <message>
        <source>Removed users are deleted for good; the audit trail keeps a record. Disabling them also frees their seats, and keeps them.</source>
        <translation>Les utilisateurs supprimés le sont définitivement ; le journal d’audit en garde une trace. Les désactiver libère aussi leurs sièges, tout en les conservant.</translation>
    </message>
    <message>
        <source>Remove {users}</source>
        <translation>Supprimer {users}</translation>
    </message>
    <message>
        <source>The seats could not be counted: {error}</source>
        <translation>Les sièges n’ont pas pu être décomptés : {error}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Administrator</source>
        <extracomment>The settings key of the chosen language. The languages Seat Desk speaks, by code, each named in itself. The object name of the translators installed here (to find and remove them). The operators&apos; roles as the windows name them.</extracomment>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>User manager</source>
        <translation>Gestionnaire des utilisateurs</translation>
    </message>
    <message>
        <source>Billing clerk</source>
        <translation>Agent de facturation</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Email domain is</source>
        <translation>Le domaine de l’e-mail est</translation>
    </message>
    <message>
        <source>Department is</source>
        <translation>Le service est</translation>
    </message>
    <message>
        <source>Assignment rules</source>
        <extracomment>The rules were applied: this many seats were given.</extracomment>
        <translation>Règles d’attribution</translation>
    </message>
    <message>
        <source>acme.example or Engineering</source>
        <translation>acme.example ou Ingénierie</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Ajouter la règle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation>Chargement des règles…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>The rules could not be loaded</source>
        <translation>Les règles n’ont pas pu être chargées</translation>
    </message>
    <message>
        <source>gets</source>
        <translation>obtient</translation>
    </message>
    <message>
        <source>Every enabled user matching a rule gets its role, while seats last (first come by user id).</source>
        <translation>Chaque utilisateur actif qui correspond à une règle obtient son rôle, dans la limite des sièges (par ordre d’identifiant).</translation>
    </message>
    <message>
        <source>Who gains a seat</source>
        <translation>Qui obtient un siège</translation>
    </message>
    <message>
        <source>Who could not (R14: no free seat)</source>
        <translation>Qui n’a pas pu (R14 : aucun siège libre)</translation>
    </message>
    <message>
        <source>Working out who gains a seat…</source>
        <translation>Calcul de qui obtient un siège…</translation>
    </message>
    <message>
        <source>No rule yet: add one above.</source>
        <translation>Aucune règle pour l’instant : ajoutez-en une ci-dessus.</translation>
    </message>
    <message>
        <source>Everyone the rules name already holds the role.</source>
        <translation>Tous ceux que désignent les règles détiennent déjà le rôle.</translation>
    </message>
    <message>
        <source>Applying gives {count} seat</source>
        <translation>L’application donne {count} siège</translation>
    </message>
    <message>
        <source>Applying gives {count} seats</source>
        <translation>L’application donne {count} sièges</translation>
    </message>
    <message>
        <source>; {count} user could not have one.</source>
        <translation> ; {count} utilisateur n’a pas pu en avoir.</translation>
    </message>
    <message>
        <source>; {count} users could not have one.</source>
        <translation> ; {count} utilisateurs n’ont pas pu en avoir.</translation>
    </message>
    <message>
        <source>Apply: assign {count} seat</source>
        <translation>Appliquer : attribuer {count} siège</translation>
    </message>
    <message>
        <source>Apply: assign {count} seats</source>
        <translation>Appliquer : attribuer {count} sièges</translation>
    </message>
    <message>
        <source>The preview failed</source>
        <translation>L’aperçu a échoué</translation>
    </message>
    <message>
        <source>The rules could not be applied</source>
        <translation>Les règles n’ont pas pu être appliquées</translation>
    </message>
</context>
<context>
    <name>SellerDialog</name>
    <message>
        <source>Legal &amp;name:</source>
        <extracomment>The one-line fields: (field, label, placeholder).</extracomment>
        <translation>&amp;Raison sociale :</translation>
    </message>
    <message>
        <source>Legal &amp;form:</source>
        <translation>&amp;Forme juridique :</translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation>Pa&amp;ys :</translation>
    </message>
    <message>
        <source>&amp;VAT number:</source>
        <translation>Numéro de &amp;TVA :</translation>
    </message>
    <message>
        <source>&amp;Registration:</source>
        <translation>I&amp;mmatriculation :</translation>
    </message>
    <message>
        <source>&amp;IBAN:</source>
        <translation>&amp;IBAN :</translation>
    </message>
    <message>
        <source>&amp;BIC:</source>
        <translation>&amp;BIC :</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>Seller details</source>
        <extracomment>The details were saved: the `SellerDetails` kept.</extracomment>
        <translation>Coordonnées du vendeur</translation>
    </message>
    <message>
        <source>Street, building… (one line each)</source>
        <extracomment>The logo file chosen, to be read when OK is pressed; `_remove_logo`: drop it.</extracomment>
        <translation>Rue, bâtiment… (une ligne chacun)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ville :</translation>
    </message>
    <message>
        <source>&amp;Postcode:</source>
        <translation>Code &amp;postal :</translation>
    </message>
    <message>
        <source>&amp;Logo:</source>
        <translation>&amp;Logo :</translation>
    </message>
    <message>
        <source>Printed on every quote, invoice and credit note. An issued document keeps the details it was issued with.</source>
        <translation>Imprimées sur chaque devis, facture et avoir. Un document émis conserve les coordonnées avec lesquelles il a été émis.</translation>
    </message>
    <message>
        <source>{name}: kept when you press OK.</source>
        <translation>{name} : enregistré lorsque vous cliquerez sur OK.</translation>
    </message>
    <message>
        <source>{kind} image, {size} KB.</source>
        <translation>Image {kind}, {size} Ko.</translation>
    </message>
    <message>
        <source>No logo. PNG, JPEG or SVG, up to 512 KB.</source>
        <translation>Aucun logo. PNG, JPEG ou SVG, 512 Ko maximum.</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>Choisir le logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Images (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>SettingsActions</name>
    <message>
        <source>&amp;Seller details…</source>
        <extracomment>A sentence for the status bar (&quot;Seller details saved.&quot;).</extracomment>
        <translation>&amp;Coordonnées du vendeur…</translation>
    </message>
    <message>
        <source>&amp;Operators…</source>
        <translation>&amp;Opérateurs…</translation>
    </message>
    <message>
        <source>&amp;Import catalog…</source>
        <translation>&amp;Importer le catalogue…</translation>
    </message>
    <message>
        <source>Seller details saved.</source>
        <translation>Coordonnées du vendeur enregistrées.</translation>
    </message>
    <message>
        <source>Catalog imported.</source>
        <translation>Catalogue importé.</translation>
    </message>
</context>
<context>
    <name>SubscriptionsPage</name>
    <message>
        <source>R15: {role}: {in_use} users hold the role, {after} seats after the change</source>
        <extracomment>The scheduled changes of each subscription, with their seat check (R15). The account&apos;s audience: the catalog&apos;s price for it stands in for a price the subscription did not record (one recorded rather than bought here). The seat check (R15) the warning says in words, as the services computed it.</extracomment>
        <translation>R15 : {role} : {in_use} utilisateurs détiennent le rôle, {after} sièges après la modification</translation>
    </message>
    <message>
        <source>; {count} user(s) will be disabled by a draw</source>
        <translation> ; {count} utilisateur(s) seront désactivés par tirage au sort</translation>
    </message>
    <message>
        <source>; the downgrade will be blocked</source>
        <translation> ; la baisse sera bloquée</translation>
    </message>
    <message>
        <source>Starts on {day}: no seats until then, nothing to renew yet.</source>
        <translation>Commence le {day} : aucun siège d’ici là, rien à renouveler encore.</translation>
    </message>
    <message>
        <source> since {day}</source>
        <translation> depuis le {day}</translation>
    </message>
    <message>
        <source>; data read-only until {day}</source>
        <translation> ; données en lecture seule jusqu’au {day}</translation>
    </message>
    <message>
        <source>No renewal: the subscription is {state}.</source>
        <translation>Pas de renouvellement : l’abonnement est {state}.</translation>
    </message>
    <message>
        <source>Renewal stopped: the subscription ends on {day}.</source>
        <translation>Renouvellement arrêté : l’abonnement prend fin le {day}.</translation>
    </message>
    <message>
        <source>Renews on {day}. The deadline to stop renewal was {deadline} (R09).</source>
        <translation>Se renouvelle le {day}. La date limite pour arrêter le renouvellement était le {deadline} (R09).</translation>
    </message>
    <message>
        <source>Renews on {day}. Renewal can be stopped until {deadline} (R09).</source>
        <translation>Se renouvelle le {day}. Le renouvellement peut être arrêté jusqu’au {deadline} (R09).</translation>
    </message>
    <message>
        <source>{price} (catalog)</source>
        <translation>{price} (catalogue)</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>Cancel subscription {id}</source>
        <translation>Résilier l’abonnement {id}</translation>
    </message>
    <message>
        <source>Refund the purchase (R16: yearly or quarterly, within 15 days)</source>
        <translation>Rembourser l’achat (R16 : annuel ou trimestriel, sous 15 jours)</translation>
    </message>
    <message>
        <source>Cancel the {cycle} subscription {id}? Its seats end at once; a licence keeps its data readable for 2 weeks, a business experience is frozen (R17).</source>
        <translation>Résilier l’abonnement {cycle} {id} ? Ses sièges prennent fin aussitôt ; une licence garde ses données lisibles pendant 2 semaines, une expérience métier est gelée (R17).</translation>
    </message>
    <message>
        <source>Cancel the subscription</source>
        <translation>Résilier l’abonnement</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Le garder</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>What an account bought, its renewal and the changes scheduled.</source>
        <translation>Ce qu’un compte a acheté, son renouvellement et les modifications prévues.</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Stop renewal</source>
        <translation>Arrêter le renouvellement</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Résilier…</translation>
    </message>
    <message>
        <source>{role}s may not change subscriptions.</source>
        <translation>Le rôle {role} ne permet pas de modifier les abonnements.</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>Seats and add-ons</source>
        <translation>Sièges et options</translation>
    </message>
    <message>
        <source>Scheduled changes</source>
        <translation>Modifications prévues</translation>
    </message>
    <message>
        <source>The subscriptions could not be loaded</source>
        <translation>Les abonnements n’ont pas pu être chargés</translation>
    </message>
    <message>
        <source>Select a subscription.</source>
        <translation>Sélectionnez un abonnement.</translation>
    </message>
    <message>
        <source>Subscription {id} · {cycle} · {status} · paid by {payment}</source>
        <translation>Abonnement {id} · {cycle} · {status} · payé par {payment}</translation>
    </message>
    <message>
        <source>Current period {start} – {end} (started {anchor}).</source>
        <translation>Période en cours du {start} au {end} (début le {anchor}).</translation>
    </message>
    <message>
        <source>Before the date: </source>
        <translation>Avant la date : </translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Add-on</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Resume renewal</source>
        <translation>Reprendre le renouvellement</translation>
    </message>
    <message>
        <source>Subscription changed</source>
        <translation>Abonnement modifié</translation>
    </message>
    <message>
        <source>{amount} {currency} to invoice</source>
        <translation>{amount} {currency} à facturer</translation>
    </message>
    <message>
        <source>{count} change(s) scheduled</source>
        <translation>{count} modification(s) prévue(s)</translation>
    </message>
    <message>
        <source>Renewal of subscription {id} resumed.</source>
        <translation>Renouvellement de l’abonnement {id} repris.</translation>
    </message>
    <message>
        <source>Buy a subscription…</source>
        <translation>Acheter un abonnement…</translation>
    </message>
    <message>
        <source>{role}s may not buy subscriptions.</source>
        <translation>Le rôle {role} ne permet pas d’acheter des abonnements.</translation>
    </message>
    <message>
        <source>Buy one first: choose the seats of each role its users need, any add-ons, the cycle and how the account pays. The seats can be assigned at once and the first invoice is issued; a role sold only on request in the account&apos;s country makes a quote request for the sales team instead (R04).</source>
        <translation>Commencez par en acheter un : choisissez les sièges de chaque rôle dont ses utilisateurs ont besoin, les options éventuelles, le cycle et le mode de paiement du compte. Les sièges peuvent être attribués aussitôt et la première facture est émise ; un rôle vendu uniquement sur demande dans le pays du compte donne lieu à une demande de devis pour l’équipe commerciale (R04).</translation>
    </message>
    <message>
        <source>{name} has no subscription yet</source>
        <translation>{name} n’a pas encore d’abonnement</translation>
    </message>
    <message>
        <source>Renewal of subscription {id} stopped.</source>
        <translation>Renouvellement de l’abonnement {id} arrêté.</translation>
    </message>
    <message>
        <source>; credit note {number}</source>
        <translation> ; avoir {number}</translation>
    </message>
    <message>
        <source>Subscription {id} cancelled{refund}.</source>
        <translation>Abonnement {id} résilié{refund}.</translation>
    </message>
    <message>
        <source>The subscription was not changed</source>
        <translation>L’abonnement n’a pas été modifié</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Platform:</source>
        <extracomment>The facts shown of a configured account, by name, with their labels.</extracomment>
        <translation>Plateforme :</translation>
    </message>
    <message>
        <source>Roles are:</source>
        <translation>Rôles transmis comme :</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation>En attente d’envoi :</translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation>En échec :</translation>
    </message>
    <message>
        <source>Sent since set-up:</source>
        <translation>Envoyés depuis la mise en place :</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Dernière synchronisation :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>Sync</source>
        <extracomment>A sync run of this page started (True) or ended (False).</extracomment>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>The account&apos;s users and roles, sent to its platform over SCIM 2.0; the changes made there, read back.</source>
        <translation>Les utilisateurs et les rôles du compte, envoyés à sa plateforme en SCIM 2.0 ; les changements faits là-bas, relus ici.</translation>
    </message>
    <message>
        <source>Your role ({role}) may not see the sync.</source>
        <translation>Votre rôle ({role}) ne permet pas de voir la synchronisation.</translation>
    </message>
    <message>
        <source>{role}s may not synchronise with the platform.</source>
        <translation>Le rôle {role} ne permet pas de synchroniser avec la plateforme.</translation>
    </message>
    <message>
        <source>Set up sync…</source>
        <translation>Configurer la synchronisation…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Sync now</source>
        <extracomment>A sentence for the status bar once a run ended.</extracomment>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Renvoyer les échecs</translation>
    </message>
    <message>
        <source>Sync is not set up for this account. Give its platform&apos;s SCIM base URL and bearer token: every user of the account is then queued for the first sync.</source>
        <translation>La synchronisation n’est pas configurée pour ce compte. Indiquez l’URL SCIM de sa plateforme et son jeton d’accès : tous les utilisateurs du compte seront alors mis en file pour la première synchronisation.</translation>
    </message>
    <message>
        <source>The sync status could not be loaded</source>
        <translation>L’état de la synchronisation n’a pas pu être lu</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>none kept: asked for at the next sync</source>
        <translation>aucun : demandé à la prochaine synchronisation</translation>
    </message>
    <message>
        <source>kept for this session</source>
        <translation>conservé pour cette session</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>conservé</translation>
    </message>
    <message>
        <source>{count} failed entry</source>
        <translation>{count} envoi en échec</translation>
    </message>
    <message>
        <source>{count} failed entries</source>
        <translation>{count} envois en échec</translation>
    </message>
    <message>
        <source>Sync settings saved.</source>
        <translation>Réglages de synchronisation enregistrés.</translation>
    </message>
    <message>
        <source>{count} user queued for the first sync.</source>
        <translation>{count} utilisateur mis en file pour la première synchronisation.</translation>
    </message>
    <message>
        <source>{count} users queued for the first sync.</source>
        <translation>{count} utilisateurs mis en file pour la première synchronisation.</translation>
    </message>
    <message>
        <source>No keyring here: the token is kept for this session only.</source>
        <translation>Pas de trousseau sur cet ordinateur : le jeton n’est conservé que pour cette session.</translation>
    </message>
    <message>
        <source>The connection failed</source>
        <translation>La connexion a échoué</translation>
    </message>
    <message>
        <source>The platform supports:</source>
        <translation>La plateforme prend en charge :</translation>
    </message>
    <message>
        <source>The platform answered.</source>
        <translation>La plateforme a répondu.</translation>
    </message>
    <message>
        <source>{count} entry queued again for the next sync.</source>
        <translation>{count} envoi remis en file pour la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>{count} entries queued again for the next sync.</source>
        <translation>{count} envois remis en file pour la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>The failed entries were not queued again</source>
        <translation>Les envois en échec n’ont pas été remis en file</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Stopping after the requests under way…</source>
        <translation>Arrêt après les requêtes en cours…</translation>
    </message>
    <message>
        <source>Reading the platform: {done} of {total}…</source>
        <translation>Lecture de la plateforme : {done} sur {total}…</translation>
    </message>
    <message>
        <source>Sending: {done} of {total}…</source>
        <translation>Envoi : {done} sur {total}…</translation>
    </message>
    <message>
        <source>Sync cancelled: what was sent is kept.</source>
        <translation>Synchronisation annulée : ce qui a été envoyé est conservé.</translation>
    </message>
    <message>
        <source>Synced: {sent} sent, {failed} failed, {read} read.</source>
        <translation>Synchronisé : {sent} envoyés, {failed} en échec, {read} lus.</translation>
    </message>
    <message>
        <source>The sync failed</source>
        <translation>La synchronisation a échoué</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>SCIM groups with members</source>
        <extracomment>How a platform may hold the roles, as the window names them.</extracomment>
        <translation>Groupes SCIM avec leurs membres</translation>
    </message>
    <message>
        <source>The users&apos; roles attribute</source>
        <translation>L’attribut roles des utilisateurs</translation>
    </message>
    <message>
        <source>The users&apos; entitlements attribute</source>
        <translation>L’attribut entitlements des utilisateurs</translation>
    </message>
    <message>
        <source>kept for this session</source>
        <extracomment>Where a token is kept: in the keyring, or in memory for this session only.</extracomment>
        <translation>conservé pour cette session</translation>
    </message>
    <message>
        <source>kept in the keyring</source>
        <translation>conservé dans le trousseau</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <extracomment>The settings were saved: the `Configured` value.</extracomment>
        <translation>Réglages de synchronisation</translation>
    </message>
    <message>
        <source>the platform&apos;s bearer token</source>
        <translation>le jeton d’accès de la plateforme</translation>
    </message>
    <message>
        <source>SCIM base &amp;URL:</source>
        <translation>&amp;URL SCIM :</translation>
    </message>
    <message>
        <source>&amp;Roles are:</source>
        <translation>&amp;Rôles transmis comme :</translation>
    </message>
    <message>
        <source>Bearer &amp;token:</source>
        <translation>&amp;Jeton d’accès :</translation>
    </message>
    <message>
        <source>The token is kept in the operating system&apos;s keyring, never in the database; without a keyring, it is kept for this session only.</source>
        <translation>Le jeton est conservé dans le trousseau du système, jamais dans la base de données ; sans trousseau, il n’est conservé que pour cette session.</translation>
    </message>
    <message>
        <source>Leave it empty to keep the one kept.</source>
        <translation>Laissez vide pour garder le jeton conservé.</translation>
    </message>
    <message>
        <source>The platform receives this account&apos;s users and roles over SCIM 2.0.</source>
        <translation>La plateforme reçoit les utilisateurs et les rôles de ce compte en SCIM 2.0.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Platform token</source>
        <extracomment>The token typed, stripped.</extracomment>
        <translation>Jeton de la plateforme</translation>
    </message>
    <message>
        <source>No token is kept for {url}. Give the platform&apos;s bearer token: it goes to the keyring or, without one on this computer, is kept for this session only.</source>
        <translation>Aucun jeton n’est conservé pour {url}. Indiquez le jeton d’accès de la plateforme : il va dans le trousseau ou, faute de trousseau sur cet ordinateur, n’est conservé que pour cette session.</translation>
    </message>
    <message>
        <source>The token could not be read</source>
        <extracomment>The accounts whose token this session keeps in memory (no keyring here).</extracomment>
        <translation>Le jeton n’a pas pu être lu</translation>
    </message>
    <message>
        <source>The token was not kept</source>
        <translation>Le jeton n’a pas été conservé</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>yes, up to {operations} operations and {size} KB a request</source>
        <translation>oui, jusqu’à {operations} opérations et {size} Ko par requête</translation>
    </message>
    <message>
        <source>yes, up to {count} results</source>
        <translation>oui, jusqu’à {count} résultats</translation>
    </message>
    <message>
        <source>PATCH</source>
        <translation>PATCH</translation>
    </message>
    <message>
        <source>Bulk</source>
        <translation>Bulk</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <source>ETag</source>
        <translation>ETag</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Tri</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sync: off</source>
        <extracomment>What changes the queue: a change of users is queued in its own transaction.</extracomment>
        <translation>Synchro : désactivée</translation>
    </message>
    <message>
        <source>No account syncs with a platform</source>
        <translation>Aucun compte ne se synchronise avec une plateforme</translation>
    </message>
    <message>
        <source>{count} account syncs with its platform</source>
        <translation>{count} compte se synchronise avec sa plateforme</translation>
    </message>
    <message>
        <source>{count} accounts sync with their platforms</source>
        <translation>{count} comptes se synchronisent avec leurs plateformes</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>Dernière synchronisation : {time}</translation>
    </message>
    <message>
        <source>Sync: syncing…</source>
        <translation>Synchro : en cours…</translation>
    </message>
    <message>
        <source>Sync: failed {count}</source>
        <translation>Synchro : {count} en échec</translation>
    </message>
    <message>
        <source>Sync: error</source>
        <translation>Synchro : erreur</translation>
    </message>
    <message>
        <source>Sync: pending {count}</source>
        <translation>Synchro : {count} en attente</translation>
    </message>
    <message>
        <source>Sync: synced at {time}</source>
        <translation>Synchro : à jour à {time}</translation>
    </message>
    <message>
        <source>Sync: on</source>
        <translation>Synchro : activée</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Enable {count} users</source>
        <translation>Activer {count} utilisateurs</translation>
    </message>
    <message>
        <source>Disable {count} users</source>
        <translation>Désactiver {count} utilisateurs</translation>
    </message>
    <message>
        <source>Assign {role} to {count} users</source>
        <translation>Attribuer {role} à {count} utilisateurs</translation>
    </message>
    <message>
        <source>Unassign {role} from {count} users</source>
        <translation>Retirer {role} à {count} utilisateurs</translation>
    </message>
    <message>
        <source>Enable 1 user</source>
        <translation>Activer 1 utilisateur</translation>
    </message>
    <message>
        <source>Disable 1 user</source>
        <translation>Désactiver 1 utilisateur</translation>
    </message>
    <message>
        <source>Assign {role} to 1 user</source>
        <translation>Attribuer {role} à 1 utilisateur</translation>
    </message>
    <message>
        <source>Unassign {role} from 1 user</source>
        <translation>Retirer {role} à 1 utilisateur</translation>
    </message>
    <message>
        <source>Rename {email}</source>
        <extracomment>The user fields the table edits in place, by the name `OperatorSession.edit_user` takes.</extracomment>
        <translation>Renommer {email}</translation>
    </message>
    <message>
        <source>Change the department of {email}</source>
        <translation>Changer le service de {email}</translation>
    </message>
    <message>
        <source>Undone: {change}.</source>
        <extracomment>The change was made before being pushed: the push&apos;s redo does nothing. Moving the stack back in line with the database: no service call. A change was undone or redone: its account, and a sentence for the status bar. An edit was undone or redone: the user as saved, and the field it set. The service refused an undo or a redo: a title and the exception. Whether an undo or redo is running (the actions wait for it).</extracomment>
        <translation>Annulé : {change}.</translation>
    </message>
    <message>
        <source>Redone: {change}.</source>
        <translation>Rétabli : {change}.</translation>
    </message>
    <message>
        <source>The undo was refused</source>
        <translation>L’annulation a été refusée</translation>
    </message>
    <message>
        <source>The redo was refused</source>
        <translation>Le rétablissement a été refusé</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>none bought</source>
        <translation>aucun acheté</translation>
    </message>
    <message>
        <source>full: {in_use} of {bought} seats in use</source>
        <translation>complet : {in_use} sièges utilisés sur {bought}</translation>
    </message>
    <message>
        <source>{free} of {bought} seats free</source>
        <translation>{free} sièges libres sur {bought}</translation>
    </message>
    <message>
        <source>no guest units bought</source>
        <translation>aucune unité invité achetée</translation>
    </message>
    <message>
        <source>{free} of {bought} guest units free</source>
        <translation>{free} unités invité libres sur {bought}</translation>
    </message>
    <message>
        <source>Add a user to {account}</source>
        <extracomment>The user was saved: the `NamedUser` as it now stands. The user as saved, when editing (the form is compared with it). The account&apos;s seats per role code (and `GUESTS`), once counted.</extracomment>
        <translation>Ajouter un utilisateur à {account}</translation>
    </message>
    <message>
        <source>Edit a user of {account}</source>
        <translation>Modifier un utilisateur de {account}</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@example.com</translation>
    </message>
    <message>
        <source>First Last</source>
        <translation>Prénom Nom</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-mail :</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>Nom affiché :</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Service :</translation>
    </message>
    <message>
        <source>Roles (each takes a seat)</source>
        <translation>Rôles (chacun prend un siège)</translation>
    </message>
    <message>
        <source>counting seats…</source>
        <translation>décompte des sièges…</translation>
    </message>
    <message>
        <source>The catalog has no roles.</source>
        <translation>Le catalogue n’a aucun rôle.</translation>
    </message>
    <message>
        <source>Guest user (holds no role)</source>
        <translation>Invité (ne détient aucun rôle)</translation>
    </message>
    <message>
        <source>Whether a user is a guest is chosen when it is added.</source>
        <translation>Le statut d’invité se choisit à l’ajout de l’utilisateur.</translation>
    </message>
    <message>
        <source>Account administrator</source>
        <translation>Administrateur du compte</translation>
    </message>
    <message>
        <source>Administrators of the account are never disabled by a seat reduction (R15).</source>
        <translation>Les administrateurs du compte ne sont jamais désactivés par une réduction de sièges (R15).</translation>
    </message>
    <message>
        <source>Enabled (takes its seats)</source>
        <translation>Actif (prend ses sièges)</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Ajouter l’utilisateur</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Every seat is taken: an enabled user given this role is refused (R14). Buy seats, or add the user disabled.</source>
        <translation>Tous les sièges sont pris : un utilisateur actif qui reçoit ce rôle est refusé (R14). Achetez des sièges, ou ajoutez l’utilisateur désactivé.</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Email</source>
        <extracomment>The `sort` of a `UserQuery`, or None if the column cannot sort.</extracomment>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
    <message>
        <source>This column cannot be sorted.</source>
        <extracomment>Rows fetched per request. Chunks kept in memory (least recently shown ones are dropped first). Chunks fetched by one background task. Chunks waiting to be fetched; older requests (scrolled past) are forgotten. What a cell shows until its row arrives. The user shown in a row (None while it loads), for any column. The id of the user in a row, known at once. The id list of a new filter or sort order arrived (the model was reset). Loading the ids or rows failed with this exception. A cell was edited: the `ui.undo.UserEdit` to save. Chunks shown from before a reload: shown until their fresh copy arrives. Values typed but not saved yet, by (user id, field).</extracomment>
        <translation>Cette colonne ne peut pas être triée.</translation>
    </message>
    <message>
        <source>Yes</source>
        <extracomment>The columns edited in place, and the user field each one shows.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>Administrator of the account</source>
        <translation>Administrateur du compte</translation>
    </message>
    <message>
        <source>Guest user: uses a unit of the guest add-on, holds no role seat</source>
        <translation>Invité : utilise une unité de l’option invités, ne détient aucun siège de rôle</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>All users</source>
        <translation>Tous les utilisateurs</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Actifs</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivés</translation>
    </message>
    <message>
        <source>Users</source>
        <extracomment>How long typing must pause before the search runs. A change was made to users (a `ui.undo.UserChange`), to be undoable.</extracomment>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>The named users of an account and the roles they hold.</source>
        <translation>Les utilisateurs nommés d’un compte et les rôles qu’ils détiennent.</translation>
    </message>
    <message>
        <source>The users could not be loaded</source>
        <translation>Les utilisateurs n’ont pas pu être chargés</translation>
    </message>
    <message>
        <source>Search by email or name</source>
        <translation>Rechercher par e-mail ou nom</translation>
    </message>
    <message>
        <source>Any role</source>
        <translation>Tous les rôles</translation>
    </message>
    <message>
        <source>&amp;Enable…</source>
        <extracomment>A bulk change of the users selected was asked for (a `BulkKind`).</extracomment>
        <translation>&amp;Activer…</translation>
    </message>
    <message>
        <source>&amp;Disable…</source>
        <translation>&amp;Désactiver…</translation>
    </message>
    <message>
        <source>&amp;Assign role…</source>
        <translation>A&amp;ttribuer un rôle…</translation>
    </message>
    <message>
        <source>&amp;Unassign role…</source>
        <translation>&amp;Retirer un rôle…</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>Select every user of the filter, loaded or not</source>
        <translation>Sélectionner tous les utilisateurs du filtre, chargés ou non</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Save the users of the current filter as CSV</source>
        <translation>Enregistrer les utilisateurs du filtre actuel en CSV</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importer un CSV…</translation>
    </message>
    <message>
        <source>Add users from a CSV file, checked before anything is saved</source>
        <translation>Ajouter des utilisateurs depuis un fichier CSV, vérifié avant tout enregistrement</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>No account selected.</source>
        <translation>Aucun compte sélectionné.</translation>
    </message>
    <message>
        <source>{count} user</source>
        <translation>{count} utilisateur</translation>
    </message>
    <message>
        <source>{count} users</source>
        <translation>{count} utilisateurs</translation>
    </message>
    <message>
        <source>{users}, {selected} selected</source>
        <translation>{users}, sélection : {selected}</translation>
    </message>
    <message>
        <source> (updating…)</source>
        <translation> (mise à jour…)</translation>
    </message>
    <message>
        <source>{role}s may not manage users.</source>
        <translation>Le rôle {role} ne permet pas de gérer les utilisateurs.</translation>
    </message>
    <message>
        <source>{count} user enabled</source>
        <translation>{count} utilisateur activé</translation>
    </message>
    <message>
        <source>{count} users enabled</source>
        <translation>{count} utilisateurs activés</translation>
    </message>
    <message>
        <source>{count} user disabled</source>
        <translation>{count} utilisateur désactivé</translation>
    </message>
    <message>
        <source>{count} users disabled</source>
        <translation>{count} utilisateurs désactivés</translation>
    </message>
    <message>
        <source>{count} user given the role</source>
        <translation>{count} utilisateur a reçu le rôle</translation>
    </message>
    <message>
        <source>{count} users given the role</source>
        <translation>{count} utilisateurs ont reçu le rôle</translation>
    </message>
    <message>
        <source>{count} user relieved of the role</source>
        <translation>{count} utilisateur a perdu le rôle</translation>
    </message>
    <message>
        <source>{count} users relieved of the role</source>
        <translation>{count} utilisateurs ont perdu le rôle</translation>
    </message>
    <message>
        <source> ({count} already were)</source>
        <translation> (déjà fait pour {count})</translation>
    </message>
    <message>
        <source>The change was refused</source>
        <translation>La modification a été refusée</translation>
    </message>
    <message>
        <source>{email} saved.</source>
        <translation>{email} enregistré.</translation>
    </message>
    <message>
        <source>{email} was not changed</source>
        <translation>{email} n&apos;a pas été modifié</translation>
    </message>
    <message>
        <source>Export users</source>
        <extracomment>A sentence for the status bar (&quot;40 users exported to ...&quot;).</extracomment>
        <translation>Exporter les utilisateurs</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The users could not be exported</source>
        <translation>Les utilisateurs n’ont pas pu être exportés</translation>
    </message>
    <message>
        <source>{count} user exported to {path}.</source>
        <translation>{count} utilisateur exporté vers {path}.</translation>
    </message>
    <message>
        <source>Add a &amp;user…</source>
        <extracomment>The account the page shows (id and name), or None. A sentence for the status bar (&quot;a@example.com added.&quot;). A user was added: its id (for the page to select it).</extracomment>
        <translation>Ajouter un &amp;utilisateur…</translation>
    </message>
    <message>
        <source>Add one user to the account, with its roles</source>
        <translation>Ajouter un utilisateur au compte, avec ses rôles</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Change the user selected: details, roles, enabled</source>
        <translation>Modifier l’utilisateur sélectionné : coordonnées, rôles, activation</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Delete the users selected for good, freeing their seats</source>
        <translation>Supprimer définitivement les utilisateurs sélectionnés, ce qui libère leurs sièges</translation>
    </message>
    <message>
        <source>{email} added.</source>
        <translation>{email} ajouté.</translation>
    </message>
    <message>
        <source>{count} user removed.</source>
        <translation>{count} utilisateur supprimé.</translation>
    </message>
    <message>
        <source>{count} users removed.</source>
        <translation>{count} utilisateurs supprimés.</translation>
    </message>
    <message>
        <source>No user in this account yet</source>
        <translation>Aucun utilisateur dans ce compte pour l’instant</translation>
    </message>
    <message>
        <source>Add the first user and choose its roles, or import many users at once from a CSV file (email, display_name, roles, enabled, department).</source>
        <translation>Ajoutez le premier utilisateur et choisissez ses rôles, ou importez de nombreux utilisateurs d’un coup depuis un fichier CSV (email, display_name, roles, enabled, department).</translation>
    </message>
    <message>
        <source>Add a user…</source>
        <translation>Ajouter un utilisateur…</translation>
    </message>
    <message>
        <source>Import a CSV…</source>
        <translation>Importer un CSV…</translation>
    </message>
    <message>
        <source>No user in {account} yet</source>
        <translation>Aucun utilisateur dans {account} pour l’instant</translation>
    </message>
    <message>
        <source>{count} users exported to {path}.</source>
        <translation>{count} utilisateurs exportés vers {path}.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>monthly</source>
        <translation>mensuel</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>trimestriel</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>annuel</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>essai</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>résilié</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>gelé</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>bloquée</translation>
    </message>
    <message>
        <source>card</source>
        <translation>carte</translation>
    </message>
    <message>
        <source>bank transfer</source>
        <translation>virement bancaire</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <source>credited</source>
        <translation>avoir émis</translation>
    </message>
    <message>
        <source>purchase</source>
        <translation>achat</translation>
    </message>
    <message>
        <source>renewal</source>
        <translation>renouvellement</translation>
    </message>
    <message>
        <source>upgrade</source>
        <translation>hausse</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>remboursement</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepté</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>change</source>
        <translation>modification</translation>
    </message>
    <message>
        <source>company</source>
        <translation>entreprise</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>maker</translation>
    </message>
    <message>
        <source>student</source>
        <translation>étudiant</translation>
    </message>
</context>
</TS>
