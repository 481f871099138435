import { delegatedCapacity } from './delegated-capacity';

describe('delegated capacity (ký thay)', () => {
  it("State: KT. under TM., then the deputy's title", () => {
    expect(delegatedCapacity('state', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'])).toEqual({
      lines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
    });
    expect(delegatedCapacity('state', ['CHỦ TỊCH'], 'Phó Chủ tịch')).toEqual({ lines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] });
    expect(delegatedCapacity('state', ['GIÁM ĐỐC'], 'PHÓ GIÁM ĐỐC THƯỜNG TRỰC')).toEqual({ lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC THƯỜNG TRỰC'] });
  });

  it('Party: K/T for the head; a collective (T/M) keeps T/M and no K/T', () => {
    expect(delegatedCapacity('party', ['TRƯỞNG BAN'])).toEqual({ lines: ['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'] });
    expect(delegatedCapacity('party', ['T/M ĐẢNG ỦY', 'BÍ THƯ'])).toEqual({ lines: ['T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'] });
    // the holder's other post ("PHÓ BÍ THƯ kiêm") is theirs, not the deputy's
    expect(delegatedCapacity('party', ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'])).toEqual({
      lines: ['K/T TRƯỞNG BAN CHỈ ĐẠO', 'PHÓ TRƯỞNG BAN CHỈ ĐẠO'],
    });
  });

  it('refuses to delegate a delegation, and needs a title when the holder is a deputy', () => {
    expect(delegatedCapacity('state', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'])).toEqual({ problem: 'already_delegated' });
    expect(delegatedCapacity('party', ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'])).toEqual({ problem: 'deputy_title_required' });
    expect(delegatedCapacity('party', ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], 'Ủy viên Ban Thường vụ')).toEqual({
      lines: ['T/M BAN THƯỜNG VỤ', 'ỦY VIÊN BAN THƯỜNG VỤ'],
    });
  });
});
