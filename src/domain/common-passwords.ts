// The passwords people try first, as lists a policy check reads (ANSSI: refuse the commonest
// passwords rather than impose a mix of character classes). Compiled from the public lists of
// the most used passwords in France and elsewhere, lowercased; only what could pass the length
// rule matters, so short entries serve as stems: « soleil » refuses « Soleil2027! » and « s0leil-1234 ».

/** Words, names and keyboard runs that make a password weak whatever digits or signs surround them. */
export const COMMON_STEMS: readonly string[] = [
  // French
  'motdepasse', 'motdepass', 'mdp', 'azerty', 'azertyuiop', 'azertyui', 'azer', 'soleil', 'bonjour', 'bonsoir', 'salut',
  'coucou', 'doudou', 'loulou', 'chouchou', 'nounours', 'bisounours', 'jetaime', 'tamere', 'marseille', 'paris',
  'lyon', 'toulouse', 'bordeaux', 'lille', 'nantes', 'france', 'francais', 'bretagne', 'olympiquedemarseille', 'psg',
  'allezlom', 'om', 'football', 'foot', 'rugby', 'tennis', 'basket', 'chocolat', 'vanille', 'fraise', 'banane',
  'pomme', 'cheval', 'chevaux', 'chien', 'chat', 'chaton', 'lapin', 'tigre', 'lion', 'dragon', 'licorne',
  'princesse', 'prince', 'amour', 'mamour', 'monamour', 'moncoeur', 'cherie', 'cheri', 'maman', 'papa', 'mamie',
  'papi', 'famille', 'bebe', 'enfant', 'enfants', 'ecole', 'college', 'lycee', 'eleve', 'orientation', 'academie',
  'education', 'educationnationale', 'professeur', 'prof', 'secretariat', 'secretaire', 'principal', 'proviseur',
  'administrateur', 'admin', 'utilisateur', 'bienvenue', 'vacances', 'printemps', 'ete', 'automne', 'hiver',
  'noel', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre',
  'novembre', 'decembre', 'lundi', 'samedi', 'dimanche', 'camille', 'nicolas', 'julien', 'thomas', 'alexandre',
  'antoine', 'maxime', 'kevin', 'marie', 'sophie', 'julie', 'laura', 'lea', 'manon', 'emma', 'chloe', 'ines',
  'sarah', 'lucas', 'hugo', 'louis', 'nathan', 'enzo', 'jules', 'gabriel', 'arthur', 'raphael', 'martin',
  'bernard', 'dubois', 'durand', 'petit', 'leroy', 'moreau', 'simon', 'laurent', 'michel', 'garcia', 'david',
  'pierre', 'jean', 'jeanne', 'isabelle', 'nathalie', 'sylvie', 'catherine', 'christine', 'stephane', 'sebastien',
  'celine', 'aurelie', 'olivier', 'philippe', 'patrick', 'frederic', 'vincent', 'elodie', 'jeremy', 'anthony',
  'changemoi', 'secret', 'confidentiel', 'nouveau', 'nouveaumotdepasse', 'provisoire', 'temporaire', 'test',
  'essai', 'demo', 'demonstration', 'orange', 'free', 'sfr', 'bouygues', 'wanadoo', 'laposte', 'ameli', 'caf',
  'impots', 'pronote', 'ent', 'toto', 'titi', 'tata', 'tutu', 'tintin', 'asterix', 'pokemon', 'pikachu',
  'minecraft', 'fortnite', 'roblox', 'naruto', 'goku', 'zelda', 'mario', 'batman', 'superman', 'spiderman',
  // English and international
  'password', 'passw0rd', 'passwort', 'pass', 'letmein', 'welcome', 'qwerty', 'qwertyuiop', 'qwertz', 'qwertzuiop',
  'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'iloveyou', 'loveyou', 'love', 'lovely', 'monkey', 'dragon',
  'master', 'shadow', 'sunshine', 'princess', 'football', 'baseball', 'soccer', 'superman', 'batman', 'trustno1',
  'whatever', 'freedom', 'starwars', 'hello', 'hellokitty', 'charlie', 'michael', 'jordan', 'jennifer', 'hunter',
  'ranger', 'buster', 'killer', 'pepper', 'ginger', 'cookie', 'summer', 'winter', 'autumn', 'spring', 'flower',
  'computer', 'internet', 'google', 'facebook', 'instagram', 'twitter', 'microsoft', 'windows', 'apple', 'samsung',
  'administrator', 'root', 'user', 'guest', 'default', 'changeme', 'secret', 'access', 'login', 'abc', 'abcd',
  'azertyqwerty', 'motdepasseoublie', 'qazwsx', 'qazwsxedc', 'zaq1xsw2', 'mustang', 'harley', 'matrix', 'merlin',
];

/** Whole passwords of 12 characters or more seen at the top of leaked lists. */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456789012', '1234567890123', '12345678910', '123456789101', '1234567891011', '123123123123', '121212121212',
  '111222333444', '123321123321', '147258369147', '159753159753', '987654321098', '000000000000', '111111111111',
  '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', 'q1w2e3r4t5y6', 'a1z2e3r4t5y6', 'a1b2c3d4e5f6', '1a2z3e4r5t6y', 'qwerty123456',
  'azerty123456', '123456azerty', '123456qwerty', 'azertyuiopqs', 'azertyuiop12', 'azertyuiop123', 'qwertyuiop12',
  'qwertyuiopas', 'azertyuiopqsdfghjklm', 'qwertyuiopasdfghjkl', 'motdepasse12', 'motdepasse123', 'motdepasse1234',
  'password1234', 'password12345', 'passwordpassword', 'iloveyou1234', 'jetaime12345', 'jetaimetoujours',
  'orientation1', 'orientation12', 'orientation123', 'bonjour12345', 'soleil123456', 'doudou123456',
  'marseille123', 'chouchou1234', 'loulou123456', 'nicolas12345', 'motdepasse!!', 'changeme1234', 'abc123abc123',
  'abcdefghijkl', 'aaaaaaaaaaaa', 'azertyazerty', 'qwertyqwerty', 'motdepassemotdepasse', 'unmotdepasse',
  'monmotdepasse', 'mon mot de passe', 'mot de passe', 'nouveau mot de passe', 'changer mot de passe',
  'unmotdepassesecurise', 'motdepassesecurise', 'letmein12345', 'welcome12345', 'trustno1trustno1',
];
