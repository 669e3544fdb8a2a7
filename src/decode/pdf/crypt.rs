//! The standard security handler (ISO 32000-2 §7.6.4): decrypting PDFs that open
//! without a password.
//!
//! Many agencies publish reports "protected" against copying or printing: such a file
//! is encrypted, but with an empty user password, and every viewer opens it. The same
//! is done here — RC4 and AES-128 (revisions 2–4) and AES-256 (revisions 5 and 6) with
//! the empty password. A file that needs a password to open is refused with a message;
//! no password is ever guessed.

use super::syntax::{Dict, Obj};
use super::PdfError;
use aes::cipher::consts::U16;
use aes::cipher::{
    generic_array::GenericArray, BlockDecrypt, BlockEncrypt, BlockSizeUser, KeyInit,
};
use md5::{Digest, Md5};
use sha2::{Sha256, Sha384, Sha512};

/// The padding string of algorithm 2 (the "empty" password).
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// How streams are encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    /// Not at all (the `Identity` crypt filter).
    None,
    Rc4,
    Aes128,
    Aes256,
}

/// Decrypts the streams of an encrypted file.
#[derive(Debug, Clone)]
pub struct Decryptor {
    key: Vec<u8>,
    streams: Method,
}

fn bytes(d: &Dict, key: &[u8]) -> Vec<u8> {
    match d.get(key) {
        Some(Obj::Str(s)) => s.clone(),
        _ => Vec::new(),
    }
}

impl Decryptor {
    /// Opens the `/Encrypt` dictionary with the empty user password. `id0` is the
    /// first part of the trailer's `/ID`.
    pub fn open(encrypt: &Dict, id0: &[u8]) -> Result<Decryptor, PdfError> {
        if encrypt.get(b"Filter").and_then(Obj::as_name) != Some(b"Standard") {
            return Err(PdfError::Encrypted);
        }
        let v = encrypt.get(b"V").and_then(Obj::as_i64).unwrap_or(0);
        let r = encrypt.get(b"R").and_then(Obj::as_i64).unwrap_or(0);
        let method = match v {
            1 | 2 => Method::Rc4,
            4 | 5 => stream_method(encrypt),
            _ => return Err(PdfError::Encrypted),
        };
        let key = match r {
            2..=4 => legacy_key(encrypt, id0, r)?,
            5 | 6 => aes256_key(encrypt, r)?,
            _ => return Err(PdfError::Encrypted),
        };
        Ok(Decryptor {
            key,
            streams: method,
        })
    }

    /// The plain data of stream `num gen`.
    pub fn stream(&self, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        match self.streams {
            Method::None => data.to_vec(),
            Method::Rc4 => rc4(&self.object_key(num, gen, false), data),
            Method::Aes128 => aes_cbc_decrypt(&self.object_key(num, gen, true), data),
            Method::Aes256 => aes_cbc_decrypt(&self.key, data),
        }
    }

    /// Algorithm 1: the key of one object (revisions 2–4).
    fn object_key(&self, num: u32, gen: u16, aes: bool) -> Vec<u8> {
        let mut h = Md5::new();
        h.update(&self.key);
        h.update(&num.to_le_bytes()[..3]);
        h.update(gen.to_le_bytes());
        if aes {
            h.update(b"sAlT");
        }
        let digest = h.finalize();
        digest[..(self.key.len() + 5).min(16)].to_vec()
    }
}

/// The method of the stream crypt filter (`/StmF`) of a version 4 or 5 handler.
fn stream_method(encrypt: &Dict) -> Method {
    let name = encrypt
        .get(b"StmF")
        .and_then(Obj::as_name)
        .unwrap_or(b"Identity");
    if name == b"Identity" {
        return Method::None;
    }
    let cfm = encrypt
        .get(b"CF")
        .and_then(Obj::as_dict)
        .and_then(|cf| cf.get(name))
        .and_then(Obj::as_dict)
        .and_then(|f| f.get(b"CFM"))
        .and_then(Obj::as_name);
    match cfm {
        Some(b"V2") => Method::Rc4,
        Some(b"AESV2") => Method::Aes128,
        Some(b"AESV3") => Method::Aes256,
        _ => Method::None,
    }
}

/// Algorithms 2 and 6: the file key from the empty password, checked against `/U`.
fn legacy_key(encrypt: &Dict, id0: &[u8], r: i64) -> Result<Vec<u8>, PdfError> {
    let o = bytes(encrypt, b"O");
    let u = bytes(encrypt, b"U");
    let p = encrypt.get(b"P").and_then(Obj::as_i64).unwrap_or(0) as i32;
    let n = if r == 2 {
        5
    } else {
        (encrypt.get(b"Length").and_then(Obj::as_i64).unwrap_or(40) / 8).clamp(5, 16) as usize
    };
    let mut h = Md5::new();
    h.update(PAD);
    h.update(&o[..o.len().min(32)]);
    h.update(p.to_le_bytes());
    h.update(id0);
    let metadata_in_clear = encrypt.get(b"EncryptMetadata") == Some(&Obj::Bool(false));
    if r >= 4 && metadata_in_clear {
        h.update([0xFF; 4]);
    }
    let mut key = h.finalize().to_vec();
    if r >= 3 {
        for _ in 0..50 {
            key = Md5::digest(&key[..n]).to_vec();
        }
    }
    key.truncate(n);
    // The empty password is right when it reproduces `/U`.
    let ok = if r == 2 {
        rc4(&key, &PAD) == u
    } else {
        let mut h = Md5::new();
        h.update(PAD);
        h.update(id0);
        let mut x = rc4(&key, &h.finalize());
        for i in 1..=19u8 {
            let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
            x = rc4(&k, &x);
        }
        u.len() >= 16 && x[..16] == u[..16]
    };
    if ok {
        Ok(key)
    } else {
        Err(PdfError::Encrypted)
    }
}

/// Algorithm 2.A: the AES-256 file key from the empty password (revisions 5 and 6).
fn aes256_key(encrypt: &Dict, r: i64) -> Result<Vec<u8>, PdfError> {
    let u = bytes(encrypt, b"U");
    let ue = bytes(encrypt, b"UE");
    if u.len() < 48 || ue.len() < 32 {
        return Err(PdfError::Encrypted);
    }
    let hash = |salt: &[u8]| -> Vec<u8> {
        if r == 5 {
            Sha256::digest(salt).to_vec()
        } else {
            hash_2b(b"", salt)
        }
    };
    if hash(&u[32..40]) != u[..32] {
        return Err(PdfError::Encrypted);
    }
    let intermediate = hash(&u[40..48]);
    let cipher = aes::Aes256::new_from_slice(&intermediate).map_err(|_| PdfError::Encrypted)?;
    // UE is the file key encrypted with AES-256 in CBC mode, no padding, a zero IV.
    Ok(cbc_decrypt(&cipher, [0; 16], &ue[..32]))
}

/// Algorithm 2.B (revision 6): the hash of a password with a salt.
fn hash_2b(password: &[u8], salt: &[u8]) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(password);
    h.update(salt);
    let mut k = h.finalize().to_vec();
    let mut round = 0usize;
    loop {
        let unit: Vec<u8> = [password, &k].concat();
        let k1 = unit.repeat(64);
        let Ok(cipher) = aes::Aes128::new_from_slice(&k[..16]) else {
            return k;
        };
        let mut iv: [u8; 16] = k[16..32].try_into().unwrap_or([0; 16]);
        let mut e = Vec::with_capacity(k1.len());
        for chunk in k1.chunks_exact(16) {
            let mut block = GenericArray::clone_from_slice(chunk);
            for (b, v) in block.iter_mut().zip(iv) {
                *b ^= v;
            }
            cipher.encrypt_block(&mut block);
            iv.copy_from_slice(&block);
            e.extend_from_slice(&block);
        }
        let modulo = e[..16].iter().map(|&b| u32::from(b)).sum::<u32>() % 3;
        k = match modulo {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        round += 1;
        let last = usize::from(*e.last().unwrap_or(&0));
        if round >= 64 && last + 32 <= round {
            break;
        }
    }
    k.truncate(32);
    k
}

/// RC4 (its own inverse).
fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    if key.is_empty() {
        return data.to_vec();
    }
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

/// AES-CBC with the IV in the first 16 bytes and PKCS#7 padding (streams and strings
/// of AESV2 and AESV3); a damaged tail keeps what decrypts.
fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    if data.len() < 32 {
        return Vec::new();
    }
    let iv: [u8; 16] = data[..16].try_into().unwrap_or([0; 16]);
    let mut out = match key.len() {
        16 => aes::Aes128::new_from_slice(key).map(|c| cbc_decrypt(&c, iv, &data[16..])),
        _ => aes::Aes256::new_from_slice(key).map(|c| cbc_decrypt(&c, iv, &data[16..])),
    }
    .unwrap_or_default();
    if let Some(&pad) = out.last() {
        let pad = usize::from(pad);
        if (1..=16).contains(&pad) && pad <= out.len() {
            out.truncate(out.len() - pad);
        }
    }
    out
}

/// Decrypts whole 16-byte blocks in CBC mode (no padding removed).
fn cbc_decrypt<C>(cipher: &C, iv: [u8; 16], data: &[u8]) -> Vec<u8>
where
    C: BlockDecrypt + BlockSizeUser<BlockSize = U16>,
{
    let mut prev = iv;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        out.extend(block.iter().zip(prev).map(|(b, p)| b ^ p));
        prev.copy_from_slice(chunk);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rc4_known_answer() {
        // RFC 6229 style test vector: key "Key", plaintext "Plaintext".
        assert_eq!(
            rc4(b"Key", b"Plaintext"),
            [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]
        );
    }
}
