import { DataSource } from 'typeorm';
import { pngSize, RenderingService, sealSvg, signatureSvg, StampImageService, StampKind, svgToPng } from '@app/rendering';
import { createTestApp, TestApp } from '../../support/test-app';

/** Signature images and seals: PNGs kept per authority and per organization; drawings for a demo. */
describe('stamp images', () => {
  let t: TestApp;
  const stamps = () => t.app.get(StampImageService);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('draws a demo seal at its printed size (36 mm at 300 dpi) and a signature, with transparent backgrounds', async () => {
    const pool = t.app.get(RenderingService).pool;
    const seal = await svgToPng(pool, sealSvg('Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở', 'Bình Định'));
    expect(pngSize(seal)).toEqual({ width: 425, height: 425 });
    // colour type 6: RGBA, so the seal lets the signature under it show through
    expect(seal[25]).toBe(6);
    const signature = await svgToPng(pool, signatureSvg('Bùi Quang Nhựt'));
    expect(pngSize(signature)).toEqual({ width: 472, height: 189 });
  });

  it('keeps the newest picture of an owner and refuses what is not a small PNG, writing nothing', async () => {
    const [organization] = await t.app.get(DataSource).query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [user] = await t.app.get(DataSource).query(`SELECT id FROM app_user WHERE username = 'bcd-duk.admin'`);
    const drawn = await stamps().ensureDemo([], [{ organizationId: organization.id, name: 'Ban Chỉ đạo', place: 'Bình Định' }]);
    expect(drawn).toBe(1);
    expect(await stamps().ensureDemo([], [{ organizationId: organization.id, name: 'Ban Chỉ đạo', place: 'Bình Định' }])).toBe(0);
    const count = async () => Number((await t.app.get(DataSource).query(`SELECT count(*) FROM stamp_image`))[0].count);
    const before = await count();
    await expect(stamps().upload(StampKind.Seal, organization.id, Buffer.from('GIF89a not a png'), user.id)).rejects.toMatchObject({
      code: 'invalid_image',
    });
    const huge = Buffer.alloc(64);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(huge);
    huge.write('IHDR', 12, 'latin1');
    huge.writeUInt32BE(90_000, 16);
    huge.writeUInt32BE(90_000, 20);
    await expect(stamps().upload(StampKind.Seal, organization.id, huge, user.id)).rejects.toMatchObject({ code: 'invalid_image' });
    expect(await count()).toBe(before);
    const uploaded = await svgToPng(t.app.get(RenderingService).pool, sealSvg('Ban Chỉ đạo mới', 'Bình Định'));
    await stamps().upload(StampKind.Seal, organization.id, uploaded, user.id);
    expect((await stamps().current(StampKind.Seal, organization.id))!.equals(uploaded)).toBe(true);
  });
});
