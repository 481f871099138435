/**
 * Passwords too common to accept (lower case), from the public lists of leaked passwords
 * plus the usual Vietnamese ones; a password that contains one of them with only digits or
 * punctuation around it is refused too (see password-policy.ts).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456789012', '1234567890123', '12345678901234', '123123123123', '111111111111', '000000000000',
  '123456123456', '987654321098', '121212121212', '112233445566', '147258369147', '123321123321',
  'qwertyuiopas', 'qwertyuiop12', 'qwerty123456', '1qaz2wsx3edc', '1q2w3e4r5t6y', 'zaq12wsxcde3',
  'asdfghjkl123', 'zxcvbnm12345', 'qazwsxedcrfv', 'password', 'password1234', 'password12345',
  'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'iloveyou1234', 'iloveyouiloveyou', 'letmein12345',
  'welcome12345', 'welcome@1234', 'admin1234567', 'administrator', 'admin@123456', 'abc123456789',
  'abcdefghijkl', 'abcd12345678', 'aa1234567890', 'football1234', 'baseball1234', 'sunshine1234',
  'princess1234', 'dragon123456', 'monkey123456', 'master123456', 'superman1234', 'starwars1234',
  'trustno11234', 'changeme1234', 'changeme', 'default12345', 'secret123456', 'computer1234',
  'internet1234', 'whatever1234', 'michael12345', 'jennifer1234', 'freedom12345', 'shadow123456',
  'matkhau', 'matkhau12345', 'matkhau123456', 'matkhaumoi123', 'matkhaucuatoi', 'anhyeuem123',
  'anhyeuem', 'emyeuanh', 'emyeuanh123', 'yeuemnhieu', 'yeuanhnhieu', 'vietnam12345', 'vietnam@123',
  'vietnamvodich', 'hanoi1234567', 'saigon123456', 'hochiminh123', 'binhdinh1234', 'quynhon12345',
  'nguyenvanan', 'nguyen123456', 'tranvanan123', 'khongbiet123', 'khongcopass', 'quantri12345',
  'quantri@123', 'quantrivien', 'quantrihethong', 'kehoach12345', 'kehoach@123', 'kehoach2024',
  'kehoach2025', 'kehoach2026', 'demo12345678', 'demodemodemo', 'test12345678', 'testtesttest',
  'tinhuy123456', 'ubnd12345678', 'ubnd@1234567', 'vanthu123456', 'vanthu@12345', 'chinhphu1234',
];
