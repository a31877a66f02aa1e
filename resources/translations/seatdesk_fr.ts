<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AccountsPage</name>
        <message>
            <source>Company</source>
            <translation>Entreprise</translation>
        </message>
        <message>
            <source>Maker</source>
            <translation>Créateur</translation>
        </message>
        <message>
            <source>Student</source>
            <translation>Étudiant</translation>
        </message>
        <message>
            <source>Monthly subscription</source>
            <translation>Abonnement mensuel</translation>
        </message>
        <message>
            <source>Quarterly subscription</source>
            <translation>Abonnement trimestriel</translation>
        </message>
        <message>
            <source>Yearly subscription</source>
            <translation>Abonnement annuel</translation>
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
            <source>language {code}</source>
            <translation>langue {code}</translation>
        </message>
        <message>
            <source>VAT {number}</source>
            <translation>TVA {number}</translation>
        </message>
        <message>
            <source>No subscription.</source>
            <translation>Aucun abonnement.</translation>
        </message>
        <message>
            <source>{subscription}, {status}</source>
            <translation>{subscription}, {status}</translation>
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
            <translation>Comptes</translation>
        </message>
        <message>
            <source>Customer accounts and the seats they bought.</source>
            <translation>Les comptes clients et les sièges qu’ils ont achetés.</translation>
        </message>
        <message>
            <source>Select an account.</source>
            <translation>Choisissez un compte.</translation>
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
        <name>AuditPage</name>
        <message>
            <source>Audit trail</source>
            <extracomment>How many of the latest entries the page shows.</extracomment>
            <translation>Journal d’audit</translation>
        </message>
        <message>
            <source>Every change, who made it and when, newest first.</source>
            <translation>Chaque modification, son auteur et sa date, la plus récente d’abord.</translation>
        </message>
        <message>
            <source>Your role ({role}) may not read the audit trail.</source>
            <translation>Votre rôle ({role}) ne permet pas de lire le journal d’audit.</translation>
        </message>
        <message>
            <source>Showing the latest {count} entries.</source>
            <translation>Affichage des {count} dernières entrées.</translation>
        </message>
        <message>
            <source>Showing {count} entries.</source>
            <translation>Affichage de {count} entrées.</translation>
        </message>
        <message>
            <source>The audit trail could not be loaded</source>
            <translation>Le journal d’audit n’a pas pu être chargé</translation>
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
        <name>Feedback</name>
        <message>
            <source>Something unexpected went wrong ({kind}: {error}).</source>
            <translation>Une erreur inattendue s’est produite ({kind} : {error}).</translation>
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
</TS>
